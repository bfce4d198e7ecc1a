package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A transaction the service signed: persisted before sending, so a restart re-sends the same bytes. */
@Entity
@Table(name = "chain_tx")
public class ChainTx {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChainTxPurpose purpose;
    @Column(nullable = false)
    private String sender;
    @Column(nullable = false)
    private long nonce;
    @Column(nullable = false)
    private String raw;
    @Column(name = "tx_hash", nullable = false)
    private String txHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChainTxState state;
    @Column(name = "block_number")
    private Long blockNumber;
    @Column(name = "gas_used")
    private Long gasUsed;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected ChainTx() {
    }

    public static ChainTx signed(ChainTxPurpose purpose, String sender, long nonce, String raw, String hash) {
        var t = new ChainTx();
        t.id = UUID.randomUUID();
        t.purpose = purpose;
        t.sender = sender;
        t.nonce = nonce;
        t.raw = raw;
        t.txHash = hash;
        t.state = ChainTxState.SIGNED;
        t.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        t.updatedAt = t.createdAt;
        return t;
    }

    /** Given to the node (again, after a restart or when the node forgot it); {@code error} is what the node said. */
    public void sent(String error) {
        requireOpen("sent");
        state = ChainTxState.SENT;
        attempts++;
        lastError = error;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Its receipt is final: executed, or reverted (the business step it carried is undone by its owner). */
    public void mined(long block, long gas, boolean success) {
        requireOpen("mined");
        state = success ? ChainTxState.MINED : ChainTxState.REVERTED;
        blockNumber = block;
        gasUsed = gas;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void requireOpen(String verb) {
        if (state.isFinal()) {
            throw new IllegalStateException("transaction " + txHash + " is " + state + " and cannot be " + verb);
        }
    }

    public UUID id() { return id; }
    public ChainTxPurpose purpose() { return purpose; }
    public long nonce() { return nonce; }
    public String raw() { return raw; }
    public String txHash() { return txHash; }
    public ChainTxState state() { return state; }
    public Long blockNumber() { return blockNumber; }
    public Long gasUsed() { return gasUsed; }
    public int attempts() { return attempts; }
}
