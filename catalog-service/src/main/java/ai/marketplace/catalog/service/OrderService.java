package ai.marketplace.catalog.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.catalog.config.CatalogConfig;
import ai.marketplace.catalog.domain.Licence;
import ai.marketplace.catalog.domain.Order;
import ai.marketplace.catalog.domain.OrderTerms;
import ai.marketplace.catalog.events.OrderEvents.LicenceGranted;
import ai.marketplace.catalog.events.OrderEvents.OrderCancelled;
import ai.marketplace.catalog.events.OrderEvents.OrderPlaced;
import ai.marketplace.catalog.events.OrderEvents;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.catalog.repository.LicenceRepository;
import ai.marketplace.catalog.repository.OrderRepository;
import ai.marketplace.catalog.repository.PricingPlanRepository;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.peers.PaymentOutcomes;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Orders, licences and the catalog's steps of the purchase saga. */
@ApplicationScoped
public class OrderService implements PaymentOutcomes.Participant {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    @Inject OrderRepository orders;
    @Inject LicenceRepository licences;
    @Inject AssetRepository assets;
    @Inject PricingPlanRepository plans;
    @Inject Outbox outbox;
    @Inject Idempotency idempotency;
    @Inject LicenceKeys keys;
    @Inject CatalogConfig config;

    /** A licence with the access key its holder presents to the provider. */
    public record HeldLicence(Licence licence, String accessKey) {
    }

    /**
     * Step 1: the order and its {@code OrderPlaced} commit together; a repeated Idempotency-Key replays the first
     * answer, which is stored as {@code present} shows the order (so a replay is byte for byte the first response).
     */
    @WithTransaction
    public <V> Uni<Idempotency.Outcome<V>> place(String buyer, String idempotencyKey, OrderTerms r, Class<V> answer,
            Function<Order, V> present) {
        return idempotency.once(Tx.session(), buyer, idempotencyKey, r, answer, () -> assets.findById(r.assetId())
                .chain(asset -> {
                    if (asset == null || !asset.isVisibleTo(buyer)) {
                        throw ProblemException.invalid("body.assetId", "asset " + r.assetId() + " does not exist");
                    }
                    return plans.findById(r.planId()).map(plan -> {
                        if (plan == null || !plan.assetId().equals(asset.id())) {
                            throw ProblemException.invalid("body.planId", "plan " + r.planId() + " is not a plan of this asset");
                        }
                        return Order.place(buyer, asset, plan, r.units() == null ? 1 : r.units());
                    });
                })
                .call(orders::persist)
                .call(o -> outbox.append(Tx.session(), OrderEvents.AGGREGATE, o.id().toString(), OrderPlaced.NAME, OrderPlaced.of(o)))
                .map(present));
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.ORDER;
    }

    /** Step 2a: funds are held. Grants the licence once, whatever settlement redelivers. */
    @Override
    @WithTransaction
    public Uni<Void> paymentHeld(UUID orderId, UUID holdId, Amount held) {
        return orders.findById(orderId).chain(o -> {
            if (o == null) {
                LOG.warnf("PaymentHeld for unknown order %s ignored", orderId);
                return Uni.createFrom().voidItem();
            }
            Licence licence = o.paymentHeld(held);
            if (licence == null) {
                LOG.infof("PaymentHeld for order %s in state %s changes nothing", orderId, o.state());
                return Uni.createFrom().voidItem();
            }
            return licences.persist(licence)
                    .call(() -> outbox.append(Tx.session(), OrderEvents.AGGREGATE, o.id().toString(), LicenceGranted.NAME,
                            LicenceGranted.of(licence, o)))
                    .replaceWithVoid();
        });
    }

    /** Step 2b: no funds held; the order ends CANCELLED with settlement's reason. */
    @Override
    @WithTransaction
    public Uni<Void> paymentFailed(UUID orderId, String reason) {
        return orders.findById(orderId).chain(o -> {
            if (o == null || !o.paymentFailed(reason)) {
                return Uni.createFrom().voidItem();
            }
            return outbox.append(Tx.session(), OrderEvents.AGGREGATE, o.id().toString(), OrderCancelled.NAME, OrderCancelled.of(o))
                    .replaceWithVoid();
        });
    }

    /** The buyer cancels an order still waiting for payment; settlement gives back anything it held. */
    @WithTransaction
    public Uni<Order> cancel(UUID id, String caller) {
        return orders.findById(id).chain(o -> {
            if (o == null || !o.concerns(caller)) {
                throw new NotFound("Order", id);
            }
            if (!o.isBoughtBy(caller)) {
                throw new ai.marketplace.platform.domain.DomainException.Forbidden("Only the buyer cancels an order");
            }
            if (!o.cancelledByBuyer()) {
                throw new ai.marketplace.platform.domain.DomainException.Conflict("order-not-pending",
                        "The order is " + o.state() + ": only an order waiting for payment can be cancelled");
            }
            return outbox.append(Tx.session(), OrderEvents.AGGREGATE, o.id().toString(), OrderCancelled.NAME, OrderCancelled.of(o))
                    .replaceWith(o);
        });
    }

    /** Cancels, as EXPIRED, orders that waited longer than the payment timeout at {@code now}; returns how many. */
    @WithTransaction
    public Uni<Integer> expireUnanswered(java.time.OffsetDateTime now) {
        return orders.claimUnanswered(now.minus(config.orderPaymentTimeout()), 100).chain(due -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Order o : due) {
                if (o.expired()) {
                    all = all.chain(() -> outbox.append(Tx.session(), OrderEvents.AGGREGATE, o.id().toString(), OrderCancelled.NAME,
                            OrderCancelled.of(o)).replaceWithVoid());
                }
            }
            return all.replaceWith(due.size());
        });
    }

    /** Buyer or seller; anyone else gets 404. */
    @WithSession
    public Uni<Order> get(UUID id, String caller) {
        return orders.findById(id).map(o -> {
            if (o == null || !o.concerns(caller)) {
                throw new NotFound("Order", id);
            }
            return o;
        });
    }

    /** The orders {@code user} placed ({@code BUYER}) or received for their assets ({@code SELLER}), newest first. */
    @WithSession
    public Uni<Slice<Order>> mine(String user, Order.Party as, PageRequest page) {
        return orders.pageByParty(as == Order.Party.SELLER ? "sellerId" : "buyerId", user, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Slice.of(rows, page, o -> TimeIdKey.cursor(o.createdAt(), o.id())));
    }

    @WithSession
    public Uni<Slice<HeldLicence>> licences(String holder, PageRequest page) {
        return licences.pageByHolder(holder, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Slice.of(rows, page, l -> TimeIdKey.cursor(l.createdAt(), l.id())).map(this::held));
    }

    @WithSession
    public Uni<HeldLicence> licence(UUID id, String holder) {
        return licences.findById(id).map(l -> {
            if (l == null || !l.holderId().equals(holder)) {
                throw new NotFound("Licence", id);
            }
            return held(l);
        });
    }

    /** Operators only; the key stops verifying immediately. Emits {@code LicenceRevoked} on the order's key. */
    @WithTransaction
    public Uni<HeldLicence> revoke(UUID id, String reason) {
        return licences.findById(id).chain(l -> {
            if (l == null) {
                throw new NotFound("Licence", id);
            }
            l.revoke();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return outbox.append(Tx.session(), OrderEvents.AGGREGATE, l.orderId().toString(), OrderEvents.LicenceRevoked.NAME,
                    new OrderEvents.LicenceRevoked(l.id(), l.orderId(), l.holderId(), l.assetId(), reason, now))
                    .replaceWith(held(l));
        });
    }

    /**
     * For a provider's delivery endpoint: the licence this key is to one of the caller's assets, or null. Keys
     * for other providers' assets look exactly like unknown keys.
     */
    @WithSession
    public Uni<Licence> verify(String accessKey, String provider) {
        var id = keys.verify(accessKey);
        if (id.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return licences.findById(id.get()).chain(l -> {
            if (l == null) {
                return Uni.createFrom().nullItem();
            }
            return assets.findById(l.assetId()).map(a -> a == null || !a.isOwnedBy(provider) ? null : l);
        });
    }

    private HeldLicence held(Licence l) {
        return new HeldLicence(l, keys.keyOf(l.id()));
    }
}
