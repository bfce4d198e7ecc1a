package ai.marketplace.settlement.domain;

import java.util.UUID;

import ai.marketplace.platform.money.Amount;

/** A user account that a posting just took below its owner's threshold (reported by the ledger functions). */
public record LowBalance(UUID accountId, String ownerId, Amount available, Amount threshold) {
}
