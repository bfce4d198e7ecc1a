package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.DomainException.Conflict;

/** The right an order bought: perpetual (one-time), for N units (pay-per-use) or until a date (subscription). */
@Entity
@Table(name = "licence")
public class Licence {

    public enum State {
        ACTIVE,
        REVOKED
    }

    public enum Status {
        VALID,
        EXPIRED,
        REVOKED
    }

    @Id
    private UUID id;

    @Column(unique = true)
    private UUID orderId;

    private String holderId;

    private UUID assetId;

    @Enumerated(EnumType.STRING)
    private PlanType planType;

    private long units;

    private OffsetDateTime validFrom;

    private OffsetDateTime validUntil;

    @Enumerated(EnumType.STRING)
    private State state;

    private OffsetDateTime createdAt;

    protected Licence() {
    }

    static Licence grant(Order order, OffsetDateTime now) {
        var l = new Licence();
        l.id = UUID.randomUUID();
        l.orderId = order.id();
        l.holderId = order.buyerId();
        l.assetId = order.assetId();
        l.planType = order.planType();
        l.units = order.units();
        l.validFrom = now;
        l.validUntil = order.planType() == PlanType.SUBSCRIPTION ? now.plusDays(order.periodDays()) : null;
        l.state = State.ACTIVE;
        l.createdAt = now;
        return l;
    }

    /** An operator withdraws the licence (fraud, court order); its key stops verifying at once. */
    public void revoke() {
        if (state == State.REVOKED) {
            throw new Conflict("licence-revoked", "The licence is already revoked");
        }
        state = State.REVOKED;
    }

    public Status statusAt(OffsetDateTime when) {
        if (state == State.REVOKED) {
            return Status.REVOKED;
        }
        return validUntil != null && !when.isBefore(validUntil) ? Status.EXPIRED : Status.VALID;
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String holderId() {
        return holderId;
    }

    public UUID assetId() {
        return assetId;
    }

    public PlanType planType() {
        return planType;
    }

    public long units() {
        return units;
    }

    public OffsetDateTime validFrom() {
        return validFrom;
    }

    public OffsetDateTime validUntil() {
        return validUntil;
    }

    public State state() {
        return state;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
