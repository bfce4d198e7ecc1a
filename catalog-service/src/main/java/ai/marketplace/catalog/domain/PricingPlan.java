package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.money.Amount;

/**
 * A price for an asset. Plans have no update operation at all: orders keep a snapshot, and a new price is a
 * new plan that archives the old one.
 */
@Entity
@Table(name = "pricing_plan")
public class PricingPlan {

    public enum State {
        ACTIVE,
        ARCHIVED
    }

    @Id
    private UUID id;

    private UUID assetId;

    @Enumerated(EnumType.STRING)
    private PlanType type;

    private Amount price;

    private String unit;

    private Integer periodDays;

    @Enumerated(EnumType.STRING)
    private State state;

    private UUID replacesId;

    private OffsetDateTime createdAt;

    private OffsetDateTime archivedAt;

    protected PricingPlan() {
    }

    public static PricingPlan offer(UUID assetId, PlanType type, Amount price, String unit, Integer periodDays,
            UUID replaces) {
        if (price.isZero()) {
            throw new InvalidInput("body.price", "must be greater than 0");
        }
        switch (type) {
            case ONE_TIME -> {
                if (unit != null || periodDays != null) {
                    throw new InvalidInput("body.type", "ONE_TIME plans take neither unit nor periodDays");
                }
            }
            case PAY_PER_USE -> {
                if (unit == null || periodDays != null) {
                    throw new InvalidInput("body.unit", "PAY_PER_USE plans need a unit and no periodDays");
                }
            }
            case SUBSCRIPTION -> {
                if (periodDays == null || unit != null) {
                    throw new InvalidInput("body.periodDays", "SUBSCRIPTION plans need periodDays and no unit");
                }
            }
        }
        var p = new PricingPlan();
        p.id = UUID.randomUUID();
        p.assetId = assetId;
        p.type = type;
        p.price = price;
        p.unit = unit;
        p.periodDays = periodDays;
        p.state = State.ACTIVE;
        p.replacesId = replaces;
        p.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return p;
    }

    public void archive() {
        if (state == State.ARCHIVED) {
            throw new Conflict("plan-archived", "The plan is already archived");
        }
        state = State.ARCHIVED;
        archivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public UUID id() {
        return id;
    }

    public UUID assetId() {
        return assetId;
    }

    public PlanType type() {
        return type;
    }

    public Amount price() {
        return price;
    }

    public String unit() {
        return unit;
    }

    public Integer periodDays() {
        return periodDays;
    }

    public State state() {
        return state;
    }

    public UUID replacesId() {
        return replacesId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime archivedAt() {
        return archivedAt;
    }
}
