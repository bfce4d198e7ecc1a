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
import ai.marketplace.platform.domain.DomainException.Forbidden;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.domain.VersionedEntity;
import ai.marketplace.platform.money.Amount;

/** A buyer's order on one plan of one asset, with a snapshot of that plan. */
@Entity
@Table(name = "customer_order")
public class Order extends VersionedEntity {

    /** The side of an order a user is on. */
    public enum Party {
        BUYER, SELLER
    }

    @Id
    private UUID id;

    private String buyerId;

    private String sellerId;

    private UUID assetId;

    private UUID planId;

    @Enumerated(EnumType.STRING)
    private PlanType planType;

    private Amount unitPrice;

    private long units;

    private String unit;

    private Integer periodDays;

    private Amount amount;

    @Enumerated(EnumType.STRING)
    private OrderState state;

    private String cancelReason;




    protected Order() {
    }

    /** Only published assets, active plans, and never one's own asset. Units only for pay-per-use. */
    public static Order place(String buyerId, Asset asset, PricingPlan plan, long units) {
        if (asset.state() != AssetState.PUBLISHED) {
            throw new Conflict("asset-not-for-sale", "Only PUBLISHED assets can be ordered; this one is " + asset.state());
        }
        if (!plan.isActive() || !plan.assetId().equals(asset.id())) {
            throw new Conflict("plan-not-active", "The plan is not an active plan of this asset");
        }
        if (asset.isOwnedBy(buyerId)) {
            throw new Forbidden("You cannot buy your own asset");
        }
        if (plan.type() != PlanType.PAY_PER_USE && units != 1) {
            throw new InvalidInput("body.units", "only PAY_PER_USE plans take units");
        }
        var o = new Order();
        o.id = UUID.randomUUID();
        o.buyerId = buyerId;
        o.sellerId = asset.ownerId();
        o.assetId = asset.id();
        o.planId = plan.id();
        o.planType = plan.type();
        o.unitPrice = plan.price();
        o.units = units;
        o.unit = plan.unit();
        o.periodDays = plan.periodDays();
        o.amount = plan.price().times(units);
        o.state = OrderState.PENDING_PAYMENT;
        o.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        o.updatedAt = o.createdAt;
        return o;
    }

    /**
     * Settlement holds the buyer's funds: the order is paid and fulfilled with a licence. Returns null when
     * the order is no longer waiting for payment (a late or repeated message changes nothing).
     */
    public Licence paymentHeld(Amount held) {
        if (state != OrderState.PENDING_PAYMENT) {
            return null;
        }
        if (!amount.equals(held)) {
            throw new IllegalStateException("hold of " + held + " does not match order " + id + " amount " + amount);
        }
        state = OrderState.FULFILLED;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return Licence.grant(this, updatedAt);
    }

    /** Returns false when there was nothing to cancel. */
    public boolean paymentFailed(String reason) {
        return cancelPending(reason);
    }

    /** The buyer gives up waiting; false when the order is no longer waiting for payment. */
    public boolean cancelledByBuyer() {
        return cancelPending("BUYER");
    }

    /** No payment answer within the timeout; false when the order is no longer waiting for payment. */
    public boolean expired() {
        return cancelPending("EXPIRED");
    }

    public boolean isBoughtBy(String subject) {
        return buyerId.equals(subject);
    }

    private boolean cancelPending(String reason) {
        if (state != OrderState.PENDING_PAYMENT) {
            return false;
        }
        state = OrderState.CANCELLED;
        cancelReason = reason;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return true;
    }

    public boolean concerns(String subject) {
        return buyerId.equals(subject) || sellerId.equals(subject);
    }

    public UUID id() {
        return id;
    }

    public String buyerId() {
        return buyerId;
    }

    public String sellerId() {
        return sellerId;
    }

    public UUID assetId() {
        return assetId;
    }

    public UUID planId() {
        return planId;
    }

    public PlanType planType() {
        return planType;
    }

    public Amount unitPrice() {
        return unitPrice;
    }

    public long units() {
        return units;
    }

    public String unit() {
        return unit;
    }

    public Integer periodDays() {
        return periodDays;
    }

    public Amount amount() {
        return amount;
    }

    public OrderState state() {
        return state;
    }

    public String cancelReason() {
        return cancelReason;
    }


}
