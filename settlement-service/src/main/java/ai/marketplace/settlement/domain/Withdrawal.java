package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import ai.marketplace.platform.domain.VersionedEntity;
import ai.marketplace.platform.money.Amount;

/** A user's payout to a chain address; its states are {@link WithdrawalState}. */
public class Withdrawal extends VersionedEntity {

    private UUID id;
    private UUID accountId;
    private String ownerId;
    private String toAddress;
    private Amount amount;
    private Amount fee = Amount.ZERO;
    private UUID feeTransferId;
    private UUID feeReversalId;
    private WithdrawalState state;
    private UUID batchId;
    private String payoutTxHash;
    private UUID transferId;
    private UUID reversalId;
    private String failureReason;

    protected Withdrawal() {
    }

    /** The withdrawal as its row holds it. */
    public static Withdrawal restore(UUID id, UUID accountId, String ownerId, String toAddress, Amount amount,
            WithdrawalState state, UUID batchId, UUID transferId, UUID reversalId, String failureReason, long version,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        var w = new Withdrawal();
        w.id = id;
        w.accountId = accountId;
        w.ownerId = ownerId;
        w.toAddress = toAddress;
        w.amount = amount;
        w.state = state;
        w.batchId = batchId;
        w.transferId = transferId;
        w.reversalId = reversalId;
        w.failureReason = failureReason;
        w.version = version;
        w.createdAt = createdAt;
        w.updatedAt = updatedAt;
        return w;
    }

    /** The fee and its ledger transfers, as the row holds them. */
    public Withdrawal withFee(Amount fee, UUID feeTransferId, UUID feeReversalId) {
        this.fee = fee;
        this.feeTransferId = feeTransferId;
        this.feeReversalId = feeReversalId;
        return this;
    }

    /** The hash of the chain transaction that pays the withdrawal's batch, as read with the row (null before). */
    public Withdrawal withPayoutTx(String hash) {
        this.payoutTxHash = hash;
        return this;
    }

    public static Withdrawal request(UUID id, UUID accountId, String owner, String to, Amount amount, UUID transferId) {
        var w = new Withdrawal();
        w.id = id;
        w.accountId = accountId;
        w.ownerId = owner;
        w.toAddress = to;
        w.amount = amount;
        w.state = WithdrawalState.REQUESTED;
        w.transferId = transferId;
        w.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        w.updatedAt = w.createdAt;
        return w;
    }

    /** Put in a signed payout batch. */
    public void batched(UUID batch) {
        require(WithdrawalState.REQUESTED, "batched");
        state = WithdrawalState.BATCHED;
        batchId = batch;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Its batch's payout is final on chain. */
    public void completed() {
        require(WithdrawalState.BATCHED, "completed");
        state = WithdrawalState.COMPLETED;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * The Treasury had already paid it, though this database did not know: it was restored from a backup taken
     * before that payout. Nothing is paid again.
     */
    public void foundPaid() {
        require(WithdrawalState.REQUESTED, "found paid");
        state = WithdrawalState.COMPLETED;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Its batch's payout reverted; {@code reversal} is the transfer that gave the amount back, {@code feeReversal}
     * the one that gave the fee back (null when there was no fee).
     */
    public void failed(String reason, UUID reversal, UUID feeReversal) {
        require(WithdrawalState.BATCHED, "failed");
        state = WithdrawalState.FAILED;
        failureReason = reason;
        reversalId = reversal;
        feeReversalId = feeReversal;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void require(WithdrawalState expected, String verb) {
        if (state != expected) {
            throw new IllegalStateException("withdrawal " + id + " is " + state + " and cannot be " + verb
                    + " (only a " + expected + " one can)");
        }
    }

    public UUID id() { return id; }
    public UUID accountId() { return accountId; }
    public String ownerId() { return ownerId; }
    public String toAddress() { return toAddress; }
    public Amount amount() { return amount; }
    public Amount fee() { return fee; }
    public UUID feeTransferId() { return feeTransferId; }
    public UUID feeReversalId() { return feeReversalId; }
    public WithdrawalState state() { return state; }
    public UUID batchId() { return batchId; }
    public String payoutTxHash() { return payoutTxHash; }
    public UUID transferId() { return transferId; }
    public UUID reversalId() { return reversalId; }
    public String failureReason() { return failureReason; }
}
