package ai.marketplace.settlement.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.platform.money.Amount;

/**
 * Events on {@code marketplace.settlement.v1}. Payment events are keyed by the order or lease they concern
 * (so each saga's events stay in order); account events by account id; anchors by anchor id.
 */
public final class SettlementEvents {

    public static final String HOLD = "Hold";
    public static final String ACCOUNT = "Account";
    public static final String WITHDRAWAL = "Withdrawal";
    public static final String ANCHOR = "LedgerAnchor";
    public static final String STAKE = "Stake";

    private SettlementEvents() {
    }

    public record PaymentHeld(UUID holdId, String correlationType, UUID correlationId, String payerId, Amount amount) {
        public static final String NAME = "PaymentHeld";
    }

    /** reason: INSUFFICIENT_FUNDS, NO_ACCOUNT. */
    public record PaymentFailed(String correlationType, UUID correlationId, String payerId, Amount amount, String reason) {
        public static final String NAME = "PaymentFailed";
    }

    /** {@code payeeAmount + fee} left the hold; whatever remained was released (a HoldReleased follows). */
    public record PaymentCaptured(UUID holdId, String correlationType, UUID correlationId, String payerId,
            String payeeId, Amount payeeAmount, Amount fee, Amount heldAmount) {
        public static final String NAME = "PaymentCaptured";
    }

    public record HoldReleased(UUID holdId, String correlationType, UUID correlationId, String payerId, Amount amount) {
        public static final String NAME = "HoldReleased";
    }

    /** A validator's stake is held in escrow (key: the stake id). */
    public record StakeLocked(UUID stakeId, String validatorId, Amount amount) {
        public static final String NAME = "StakeLocked";
    }

    /** The stake went back to the validator's available balance (key: the stake id). */
    public record StakeReleased(UUID stakeId, String validatorId, Amount amount) {
        public static final String NAME = "StakeReleased";
    }

    /** Key: the stake id. Reputation's ValidatorPenalised for {@code versionId} took {@code amount} of the stake to insurance. */
    public record StakeSlashed(UUID stakeId, String validatorId, Amount amount, UUID versionId) {
        public static final String NAME = "StakeSlashed";
    }

    public record FundsDeposited(UUID depositId, UUID accountId, String ownerId, Amount amount, String txHash,
            int logIndex, long blockNumber, OffsetDateTime creditedAt) {
        public static final String NAME = "FundsDeposited";
    }

    public record BalanceLow(UUID accountId, String ownerId, Amount available, Amount threshold) {
        public static final String NAME = "BalanceLow";
    }

    public record WithdrawalCompleted(UUID withdrawalId, UUID accountId, String ownerId, String toAddress, Amount amount,
            String txHash) {
        public static final String NAME = "WithdrawalCompleted";
    }

    public record WithdrawalFailed(UUID withdrawalId, UUID accountId, String ownerId, Amount amount, String reason) {
        public static final String NAME = "WithdrawalFailed";
    }

    public record LedgerAnchored(UUID anchorId, long chainIndex, String root, long firstSeq, long lastSeq, int transfers,
            String txHash) {
        public static final String NAME = "LedgerAnchored";
    }
}
