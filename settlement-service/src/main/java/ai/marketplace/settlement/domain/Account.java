package ai.marketplace.settlement.domain;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.platform.money.Amount;

/**
 * A ledger account. Its balance is moved only by transfers (a database trigger), so this class does not hold it
 * (AccountRepository reads it when needed); the repository writes the owner's settings and nothing else.
 */
public class Account {

    public static final UUID CHAIN_CUSTODY = UUID.fromString("00000000-0000-0000-0000-0000c0570d10");
    public static final UUID SUSPENSE = UUID.fromString("00000000-0000-0000-0000-00005b5be115");
    /** Where withdrawal fees go: the first of the platform's fee accounts (captures spread over all sixteen). */
    public static final UUID WITHDRAWAL_FEES = UUID.fromString("00000000-0000-0000-0000-00000000fee5");
    private static final SecureRandom RANDOM = new SecureRandom();

    private UUID id;
    private String kind;
    private String ownerId;
    private byte[] depositRef;
    private String chainAddress;
    private Amount lowBalanceThreshold;
    private boolean lowBalanceNotified;
    private OffsetDateTime createdAt;

    private Account() {
    }

    /** The account as its row holds it. */
    public static Account restore(UUID id, String kind, String ownerId, byte[] depositRef,
            String chainAddress, Amount lowBalanceThreshold, boolean lowBalanceNotified, OffsetDateTime createdAt) {
        var a = new Account();
        a.id = id;
        a.kind = kind;
        a.ownerId = ownerId;
        a.depositRef = depositRef;
        a.chainAddress = chainAddress;
        a.lowBalanceThreshold = lowBalanceThreshold;
        a.lowBalanceNotified = lowBalanceNotified;
        a.createdAt = createdAt;
        return a;
    }

    /** 32 random bytes: what a user's deposits name on chain instead of the user. */
    public static byte[] newDepositRef() {
        byte[] ref = new byte[32];
        RANDOM.nextBytes(ref);
        return ref;
    }

    public void linkAddress(String address) {
        chainAddress = address;
    }

    /** A new threshold re-arms the warning: the next crossing below it is announced again. */
    public void setLowBalanceThreshold(Amount threshold) {
        lowBalanceThreshold = threshold;
        lowBalanceNotified = false;
    }

    public UUID id() { return id; }
    public String kind() { return kind; }
    public String ownerId() { return ownerId; }
    public byte[] depositRef() { return depositRef; }
    public String chainAddress() { return chainAddress; }
    public Amount lowBalanceThreshold() { return lowBalanceThreshold; }
    public boolean lowBalanceNotified() { return lowBalanceNotified; }
    public OffsetDateTime createdAt() { return createdAt; }
}
