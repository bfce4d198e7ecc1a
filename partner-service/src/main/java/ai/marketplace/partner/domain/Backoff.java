package ai.marketplace.partner.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: doubling from {@code first} up to {@code longest}, each wait drawn between
 * half and all of that ("equal jitter"), so endpoints that failed together do not all come back at once.
 */
public record Backoff(Duration first, Duration longest) {

    public Duration after(int attempts, RandomGenerator random) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long ceiling = Math.min(longest.toMillis(), first.toMillis() << Math.min(doublings, 20));
        if (doublings > 20) {
            ceiling = longest.toMillis();
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
