package ai.marketplace.reputation.rest.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.Decision;
import ai.marketplace.reputation.domain.Review;
import ai.marketplace.reputation.service.AttestationService;
import ai.marketplace.reputation.service.ReputationQueries;


public final class ReviewApi {

    private ReviewApi() {
    }

    /** basisType ORDER (a licence you hold: reviews the asset) or LEASE (a finished lease you rented: reviews the provider). */
    public record ReviewRequest(
            @NotNull @Pattern(regexp = "ORDER|LEASE", message = "must be ORDER or LEASE") String basisType,
            @NotNull UUID basisId,
            @NotNull @Min(1) @Max(5) Integer rating,
            @NotNull @Size(max = 4000) String text) {
    }

    public record ReviewEdit(@NotNull @Min(1) @Max(5) Integer rating, @NotNull @Size(max = 4000) String text) {
    }

    public record ReplyRequest(@NotBlank @Size(max = 4000) String text) {
    }

    /** {@code weight}: how much this review counts in the score (what its author paid; dampened in bursts). */
    public record ReviewView(UUID id, String authorId, String subjectType, String subjectId, String basisType,
            int rating, String text, BigDecimal weight, String reply, OffsetDateTime repliedAt, long version,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static ReviewView of(Review r) {
            return new ReviewView(r.id(), r.author(), r.subjectType(), r.subjectId(), r.basisType(), r.rating(), r.text(),
                    r.weight(), r.reply(), r.repliedAt(), r.version(), r.createdAt(), r.updatedAt());
        }
    }

    public record AttestationRequest(
            @NotNull UUID versionId,
            @NotNull Boolean digestMatches,
            @Size(max = 100) String metricName,
            @jakarta.validation.constraints.Digits(integer = 18, fraction = 12) BigDecimal metricValue) {

        public AttestationService.Claimed claim() {
            return new AttestationService.Claimed(versionId, digestMatches, metricName, metricValue);
        }
    }

    public record AttestationView(UUID id, String validatorId, boolean digestMatches, String metricName,
            BigDecimal metricValue, BigDecimal stakeWeight, OffsetDateTime at) {
        public static AttestationView of(Attestation a) {
            return new AttestationView(a.id(), a.validator(), a.digestMatches(), a.metricName(), a.metric(),
                    a.stakeWeight(), a.at());
        }
    }

    /**
     * {@code outcome}: PENDING while the round is open, then VERIFIED, DISPUTED or NO_QUORUM; the round can be decided
     * from {@code decidableFrom} and closes undecided at {@code expiresAt}.
     */
    public record VersionAttestations(UUID versionId, String outcome, BigDecimal consensusMetric, BigDecimal stakeFor,
            BigDecimal stakeAgainst, OffsetDateTime decidableFrom, OffsetDateTime expiresAt, List<AttestationView> attestations) {

        public static VersionAttestations of(AttestationService.Round round) {
            Decision d = round.decision();
            var r = round.round();
            return new VersionAttestations(round.versionId(), round.outcome(),
                    d == null ? null : d.metric(), d == null ? null : d.stakeFor(), d == null ? null : d.stakeAgainst(),
                    r == null ? null : r.decideAfter(), r == null ? null : r.expiresAt(),
                    round.attestations().stream().map(AttestationView::of).toList());
        }
    }

    /** {@code weight}: (agreements + 1) / (rounds + 2); effective stake = stake × weight. */
    public record ValidatorView(String validatorId, String stake, int agreements, int disagreements, BigDecimal weight,
            BigDecimal effectiveStake) {

        public static ValidatorView of(AttestationService.Weighted w) {
            var v = w.validator();
            return new ValidatorView(v.id(), v.stake().toPlainString(), v.agreements(), v.disagreements(), w.weight(),
                    w.effectiveStake());
        }
    }

    public record ScoreView(String subjectType, String subjectId, BigDecimal score, BigDecimal publishedScore,
            Object components, OffsetDateTime updatedAt) {

        public static ScoreView of(ReputationQueries.SubjectScore s) {
            return new ScoreView(s.type(), s.subject(), s.score().score(), s.score().published(), s.components(),
                    s.score().updatedAt());
        }
    }
}
