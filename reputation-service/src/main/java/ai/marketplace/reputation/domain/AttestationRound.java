package ai.marketplace.reputation.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A version's attestation round: decidable from {@code decideAfter}, open until it has an {@code outcome}. */
public record AttestationRound(UUID version, UUID asset, OffsetDateTime decideAfter, OffsetDateTime expiresAt,
        RoundOutcome outcome) {

    public boolean open() {
        return outcome == null;
    }
}
