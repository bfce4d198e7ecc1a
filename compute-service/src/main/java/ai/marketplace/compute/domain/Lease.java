package ai.marketplace.compute.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.money.AmountConverter;

/** A renter's lease of GPUs on one offer. */
@Entity
@Table(name = "lease")
public class Lease {

    @Id
    private UUID id;

    @Column(name = "renter_id", nullable = false)
    private String renterId;

    @Column(name = "offer_id", nullable = false)
    private UUID offerId;

    @Column(name = "provider_id")
    private String providerId;

    @Column(name = "request_kind")
    private String requestKind;

    @Column(nullable = false)
    private int gpus;

    @Column(nullable = false)
    private int hours;

    @Convert(converter = AmountConverter.class)
    @Column(name = "price_per_gpu_hour", nullable = false, precision = 78, scale = 0)
    private Amount pricePerGpuHour;

    @Convert(converter = AmountConverter.class)
    @Column(name = "max_amount", nullable = false, precision = 78, scale = 0)
    private Amount maxAmount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LeaseState state;

    @Column(name = "termination_reason")
    private String terminationReason;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Lease() {
    }

    /**
     * A renter's request on an offer whose capacity has just been reserved for it; the price is snapshotted and
     * the most it can cost ({@code maxAmount}) is what settlement will hold.
     */
    public static Lease request(String renterId, Offer offer, int gpus, int hours, boolean byRequirements) {
        var l = new Lease();
        l.id = UUID.randomUUID();
        l.renterId = renterId;
        l.offerId = offer.id();
        l.providerId = offer.providerId();
        l.requestKind = byRequirements ? "REQUIREMENTS" : "OFFER";
        l.gpus = gpus;
        l.hours = hours;
        l.pricePerGpuHour = offer.pricePerGpuHour();
        l.maxAmount = offer.pricePerGpuHour().times((long) gpus * hours);
        l.state = LeaseState.REQUESTED;
        l.createdAt = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        l.updatedAt = l.createdAt;
        return l;
    }

    public String providerId() {
        return providerId;
    }

    public UUID id() {
        return id;
    }

    public String renterId() {
        return renterId;
    }

    public UUID offerId() {
        return offerId;
    }

    public int gpus() {
        return gpus;
    }

    public int hours() {
        return hours;
    }

    public Amount pricePerGpuHour() {
        return pricePerGpuHour;
    }

    public Amount maxAmount() {
        return maxAmount;
    }

    public LeaseState state() {
        return state;
    }

    public String terminationReason() {
        return terminationReason;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
