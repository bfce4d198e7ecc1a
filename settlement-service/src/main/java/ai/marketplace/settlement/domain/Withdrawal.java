package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.VersionedEntity;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.money.AmountConverter;

/** A user's payout to a chain address; its states are {@link WithdrawalState}. */
@Entity
@Table(name = "withdrawal")
public class Withdrawal extends VersionedEntity {

    @Id
    private UUID id;
    @Column(name = "account_id", nullable = false)
    private UUID accountId;
    @Column(name = "owner_id", nullable = false)
    private String ownerId;
    @Column(name = "to_address", nullable = false)
    private String toAddress;
    @Convert(converter = AmountConverter.class)
    @Column(nullable = false, precision = 78, scale = 0)
    private Amount amount;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WithdrawalState state;
    @Column(name = "batch_id")
    private UUID batchId;
    @Column(name = "transfer_id", nullable = false)
    private UUID transferId;
    @Column(name = "reversal_id")
    private UUID reversalId;
    @Column(name = "failure_reason")
    private String failureReason;

    protected Withdrawal() {
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

    /** Its batch's payout reverted; {@code reversal} is the transfer that gave the amount back. */
    public void failed(String reason, UUID reversal) {
        require(WithdrawalState.BATCHED, "failed");
        state = WithdrawalState.FAILED;
        failureReason = reason;
        reversalId = reversal;
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
    public WithdrawalState state() { return state; }
    public UUID batchId() { return batchId; }
    public UUID transferId() { return transferId; }
    public UUID reversalId() { return reversalId; }
    public String failureReason() { return failureReason; }
}
