package ai.marketplace.settlement.domain;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.money.AmountConverter;

/**
 * A ledger account. Its balance is moved only by transfers (a database trigger), so this entity never writes it.
 */
// Only changed columns are written: the ledger functions flip low_balance_notified underneath a loaded entity.
@DynamicUpdate
@Entity
@Table(name = "account")
public class Account {

    public static final UUID CHAIN_CUSTODY = UUID.fromString("00000000-0000-0000-0000-0000c0570d10");
    public static final UUID SUSPENSE = UUID.fromString("00000000-0000-0000-0000-00005b5be115");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private UUID id;

    @Column(nullable = false)
    private String kind;

    @Column(name = "owner_id")
    private String ownerId;

    @Column(insertable = false, updatable = false, precision = 78, scale = 0)
    private BigInteger balance;

    @Column(name = "deposit_ref")
    private byte[] depositRef;

    @Column(name = "chain_address")
    private String chainAddress;

    @Convert(converter = AmountConverter.class)
    @Column(name = "low_balance_threshold", precision = 78, scale = 0)
    private Amount lowBalanceThreshold;

    @Column(name = "low_balance_notified", nullable = false)
    private boolean lowBalanceNotified;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Account() {
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
    public OffsetDateTime createdAt() { return createdAt; }
}
