package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.money.AmountConverter;

/** REQUESTED (ledger debited) → BATCHED (in a signed payout) → COMPLETED, or FAILED (debit reversed). */
@Entity
@Table(name = "withdrawal")
public class Withdrawal {

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
    @Column(nullable = false)
    private String state;
    @Column(name = "batch_id")
    private UUID batchId;
    @Column(name = "transfer_id", nullable = false)
    private UUID transferId;
    @Column(name = "reversal_id")
    private UUID reversalId;
    @Column(name = "failure_reason")
    private String failureReason;
    @Version
    private long version;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Withdrawal() {
    }

    public static Withdrawal request(UUID id, UUID accountId, String owner, String to, Amount amount, UUID transferId) {
        var w = new Withdrawal();
        w.id = id;
        w.accountId = accountId;
        w.ownerId = owner;
        w.toAddress = to;
        w.amount = amount;
        w.state = "REQUESTED";
        w.transferId = transferId;
        w.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        w.updatedAt = w.createdAt;
        return w;
    }

    public void batched(UUID batch) {
        state = "BATCHED";
        batchId = batch;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void completed() {
        state = "COMPLETED";
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void failed(String reason, UUID reversal) {
        state = "FAILED";
        failureReason = reason;
        reversalId = reversal;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public UUID accountId() { return accountId; }
    public String ownerId() { return ownerId; }
    public String toAddress() { return toAddress; }
    public Amount amount() { return amount; }
    public String state() { return state; }
    public UUID batchId() { return batchId; }
    public UUID transferId() { return transferId; }
    public UUID reversalId() { return reversalId; }
    public String failureReason() { return failureReason; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
}
