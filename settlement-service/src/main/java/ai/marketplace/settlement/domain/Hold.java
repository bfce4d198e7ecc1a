package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;

/**
 * Escrow for one order, lease or stake: HELD until it is CAPTURED (wholly or partly, the rest released) or RELEASED;
 * a held stake can lose {@code slashed} to insurance first, and releasing it returns the rest.
 * A value read back: holds are placed, captured and released only by the ledger functions ({@code Postings}), so
 * nothing in Java holds a copy that the database could change underneath.
 */
public record Hold(UUID id, CorrelationKind correlationType, UUID correlationId, String payerId, UUID payerAccount,
        UUID holdAccount, Amount amount, Amount captured, Amount fee, Amount released, Amount slashed, String payeeId, HoldState state,
        long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
