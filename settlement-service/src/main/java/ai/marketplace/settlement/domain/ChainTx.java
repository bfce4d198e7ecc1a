package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;


/** A transaction the service signed: persisted before sending, so a restart re-sends the same bytes. */
public class ChainTx {

    private UUID id;
    private ChainTxPurpose purpose;
    private String sender;
    private long nonce;
    private String raw;
    private String txHash;
    private ChainTxState state;
    private Long blockNumber;
    private Long gasUsed;
    private int attempts;
    private String lastError;
    private OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;

    protected ChainTx() {
    }

    /** The transaction as its row holds it. */
    public static ChainTx restore(UUID id, ChainTxPurpose purpose, String sender, long nonce, String raw, String txHash,
            ChainTxState state, Long blockNumber, Long gasUsed, int attempts, String lastError, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        var t = new ChainTx();
        t.id = id;
        t.purpose = purpose;
        t.sender = sender;
        t.nonce = nonce;
        t.raw = raw;
        t.txHash = txHash;
        t.state = state;
        t.blockNumber = blockNumber;
        t.gasUsed = gasUsed;
        t.attempts = attempts;
        t.lastError = lastError;
        t.createdAt = createdAt;
        t.updatedAt = updatedAt;
        return t;
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
    public String sender() { return sender; }
    public String lastError() { return lastError; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
}
