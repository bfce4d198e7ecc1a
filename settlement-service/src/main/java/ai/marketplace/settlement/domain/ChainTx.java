package ai.marketplace.settlement.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;


/**
 * A transaction the service signed: persisted before sending, so a restart re-sends the same bytes. A type-2 one
 * also keeps what it was signed from (to, data, gas limit, fees), so that when it does not mine it can be signed
 * again at the same nonce with higher fees ({@link #replaced}); the chain executes at most one of the versions.
 */
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
    private Signing signing;
    private OffsetDateTime signedAt;
    private int replacements;

    /** What a type-2 transaction is signed from; null for legacy ones, which are never replaced. */
    public record Signing(String to, String data, java.math.BigInteger gasLimit, java.math.BigInteger maxFee,
            java.math.BigInteger priorityFee) {
        public Signing withFees(java.math.BigInteger newMaxFee, java.math.BigInteger newPriorityFee) {
            return new Signing(to, data, gasLimit, newMaxFee, newPriorityFee);
        }
    }

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

    /** The fee-market state as its row holds it. */
    public ChainTx withSigning(Signing signing, OffsetDateTime signedAt, int replacements) {
        this.signing = signing;
        this.signedAt = signedAt;
        this.replacements = replacements;
        return this;
    }

    public static ChainTx signed(ChainTxPurpose purpose, String sender, long nonce, String raw, String hash, Signing signing) {
        var t = signed(purpose, sender, nonce, raw, hash);
        t.signing = signing;
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
        t.signedAt = t.createdAt;
        return t;
    }

    /** Whether it has waited unmined longer than {@code patience} and can be signed again. */
    public boolean dueForReplacement(java.time.Duration patience, OffsetDateTime now) {
        return !state.isFinal() && signing != null && signedAt.plus(patience).isBefore(now);
    }

    /** Signed again at the same nonce with higher fees: the new version is the one sent from now on. */
    public void replaced(String newRaw, String newHash, Signing newSigning) {
        requireOpen("replaced");
        raw = newRaw;
        txHash = newHash;
        signing = newSigning;
        replacements++;
        state = ChainTxState.SIGNED;
        signedAt = OffsetDateTime.now(ZoneOffset.UTC);
        updatedAt = signedAt;
    }

    /** An earlier version than the latest one mined: that is the transaction on chain. */
    public void minedAs(String hash) {
        requireOpen("mined as " + hash);
        txHash = hash;
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
    public Signing signing() { return signing; }
    public OffsetDateTime signedAt() { return signedAt; }
    public int replacements() { return replacements; }
}
