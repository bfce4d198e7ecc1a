package ai.marketplace.partner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));

    @Test
    void doublesWithinHalfToAllOfTheCeiling() {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(3_600_000L, 5_000L << Math.min(attempt - 1, 20));
            for (int i = 0; i < 50; i++) {
                long wait = backoff.after(attempt, random).toMillis();
                assertThat(wait).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void jitterSpreadsEndpointsThatFailedTogether() {
        SplittableRandom random = new SplittableRandom(11);
        long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> backoff.after(6, random).toMillis())
                .distinct().count();
        assertThat(distinct).isGreaterThan(50);
        assertThat(backoff.after(Integer.MAX_VALUE, random)).isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(backoff.after(0, random)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }
}
