package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A transaction the service signed: persisted before sending, so a restart re-sends the same bytes. */
@Entity
@Table(name = "chain_tx")
public class ChainTx {

    @Id
    private UUID id;
    @Column(nullable = false)
    private String purpose;
    @Column(nullable = false)
    private String sender;
    @Column(nullable = false)
    private long nonce;
    @Column(nullable = false)
    private String raw;
    @Column(name = "tx_hash", nullable = false)
    private String txHash;
    @Column(nullable = false)
    private String state;
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

    public static ChainTx signed(String purpose, String sender, long nonce, String raw, String hash) {
        var t = new ChainTx();
        t.id = UUID.randomUUID();
        t.purpose = purpose;
        t.sender = sender;
        t.nonce = nonce;
        t.raw = raw;
        t.txHash = hash;
        t.state = "SIGNED";
        t.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        t.updatedAt = t.createdAt;
        return t;
    }

    public void sent(String error) {
        state = "SENT";
        attempts++;
        lastError = error;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void mined(long block, long gas, boolean success) {
        state = success ? "MINED" : "REVERTED";
        blockNumber = block;
        gasUsed = gas;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public String purpose() { return purpose; }
    public long nonce() { return nonce; }
    public String raw() { return raw; }
    public String txHash() { return txHash; }
    public String state() { return state; }
    public Long blockNumber() { return blockNumber; }
    public Long gasUsed() { return gasUsed; }
    public int attempts() { return attempts; }
}
