package ai.marketplace.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.problem.Problem;
import ai.marketplace.platform.problem.ProblemException;

/** Each domain refusal becomes the problem+json clients received before the domain stopped speaking HTTP. */
class DomainExceptionTest {

    @Test
    void everyKindMapsToItsProblem() {
        assertProblem(ProblemException.of(new DomainException.NotFound("Asset", "a1")),
                ProblemException.notFound("Asset", "a1"));
        assertProblem(ProblemException.of(new DomainException.Conflict("asset-frozen", "frozen")),
                ProblemException.conflict("asset-frozen", "frozen"));
        assertProblem(ProblemException.of(new DomainException.InvalidInput("body.units", "only PAY_PER_USE plans take units")),
                ProblemException.invalid("body.units", "only PAY_PER_USE plans take units"));
        assertProblem(ProblemException.of(new DomainException.Forbidden("not yours")), ProblemException.forbidden("not yours"));
        assertProblem(ProblemException.of(new DomainException.PreconditionFailed("stale")),
                ProblemException.preconditionFailed("stale"));
        ProblemException u = ProblemException.of(new DomainException.Unprocessable("usage-exceeds-elapsed", "Too much", "detail")
                .with(Map.of("maxGpuSeconds", 7L)));
        assertThat(u.status()).isEqualTo(422);
        assertThat(u.slug()).isEqualTo("usage-exceeds-elapsed");
        assertThat(u.title()).isEqualTo("Too much");
        assertThat(u.extensions()).containsEntry("maxGpuSeconds", 7L);
    }

    static void assertProblem(ProblemException actual, ProblemException expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.slug()).isEqualTo(expected.slug());
        assertThat(actual.title()).isEqualTo(expected.title());
        assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
        assertThat(actual.errors()).extracting(Problem.FieldError::field).isEqualTo(
                expected.errors().stream().map(Problem.FieldError::field).toList());
    }
}
