package ai.marketplace.catalog.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import ai.marketplace.catalog.domain.Licence;
import ai.marketplace.catalog.domain.Order;
import ai.marketplace.catalog.events.OrderEvents;
import ai.marketplace.catalog.events.OrderEvents.LicenceGranted;
import ai.marketplace.catalog.events.OrderEvents.OrderCancelled;
import ai.marketplace.catalog.events.OrderEvents.OrderPlaced;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.catalog.repository.LicenceRepository;
import ai.marketplace.catalog.repository.OrderRepository;
import ai.marketplace.catalog.repository.PricingPlanRepository;
import ai.marketplace.catalog.rest.api.OrderApi.LicenceView;
import ai.marketplace.catalog.rest.api.OrderApi.OrderView;
import ai.marketplace.catalog.rest.api.OrderApi.PlaceOrderRequest;
import ai.marketplace.catalog.rest.api.OrderApi.VerifyView;
import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Orders, licences and the catalog's steps of the purchase saga. */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final LicenceRepository licences;
    private final AssetRepository assets;
    private final PricingPlanRepository plans;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final LicenceKeys keys;

    public OrderService(OrderRepository orders, LicenceRepository licences, AssetRepository assets,
            PricingPlanRepository plans, Outbox outbox, Idempotency idempotency, LicenceKeys keys) {
        this.orders = orders;
        this.licences = licences;
        this.assets = assets;
        this.plans = plans;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.keys = keys;
    }

    /** Step 1: the order and its {@code OrderPlaced} commit together; a repeated Idempotency-Key replays. */
    @WithTransaction
    public Uni<Idempotency.Outcome<OrderView>> place(String buyer, String idempotencyKey, PlaceOrderRequest r) {
        return idempotency.once(buyer, idempotencyKey, r, OrderView.class, () -> assets.findById(r.assetId())
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
                .map(OrderView::of));
    }

    /** Step 2a: funds are held. Grants the licence once, whatever settlement redelivers. */
    @WithTransaction
    public Uni<Void> paymentHeld(UUID orderId, Amount held) {
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

    /** Buyer or seller; anyone else gets 404. */
    @WithSession
    public Uni<OrderView> get(UUID id, String caller) {
        return orders.findById(id).map(o -> {
            if (o == null || !o.concerns(caller)) {
                throw ProblemException.notFound("Order", id);
            }
            return OrderView.of(o);
        });
    }

    @WithSession
    public Uni<Page<OrderView>> mine(String buyer, PageRequest page, UriInfo uri) {
        return orders.pageByBuyer(buyer, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Page.of(rows, page, o -> TimeIdKey.cursor(o.createdAt(), o.id()), OrderView::of, uri));
    }

    @WithSession
    public Uni<Page<LicenceView>> licences(String holder, PageRequest page, UriInfo uri) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return licences.pageByHolder(holder, TimeIdKey.after(page), page.fetchSize())
                .map(rows -> Page.of(rows, page, l -> TimeIdKey.cursor(l.createdAt(), l.id()),
                        l -> LicenceView.of(l, keys.keyOf(l.id()), now), uri));
    }

    @WithSession
    public Uni<LicenceView> licence(UUID id, String holder) {
        return licences.findById(id).map(l -> {
            if (l == null || !l.holderId().equals(holder)) {
                throw ProblemException.notFound("Licence", id);
            }
            return LicenceView.of(l, keys.keyOf(l.id()), OffsetDateTime.now(ZoneOffset.UTC));
        });
    }

    /** Operators only; the key stops verifying immediately. Emits {@code LicenceRevoked} on the order's key. */
    @WithTransaction
    public Uni<LicenceView> revoke(UUID id, String reason) {
        return licences.findById(id).chain(l -> {
            if (l == null) {
                throw ProblemException.notFound("Licence", id);
            }
            l.revoke();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return outbox.append(Tx.session(), OrderEvents.AGGREGATE, l.orderId().toString(), OrderEvents.LicenceRevoked.NAME,
                    new OrderEvents.LicenceRevoked(l.id(), l.orderId(), l.holderId(), l.assetId(), reason, now))
                    .replaceWith(LicenceView.of(l, keys.keyOf(l.id()), now));
        });
    }

    /**
     * For a provider's delivery endpoint: is this key a licence to one of the caller's assets? Keys for other
     * providers' assets look exactly like unknown keys.
     */
    @WithSession
    public Uni<VerifyView> verify(String accessKey, String provider) {
        var id = keys.verify(accessKey);
        if (id.isEmpty()) {
            return Uni.createFrom().item(VerifyView.unknown());
        }
        return licences.findById(id.get()).chain(l -> {
            if (l == null) {
                return Uni.createFrom().item(VerifyView.unknown());
            }
            return assets.findById(l.assetId()).map(a -> {
                if (a == null || !a.isOwnedBy(provider)) {
                    return VerifyView.unknown();
                }
                return new VerifyView(l.statusAt(OffsetDateTime.now(ZoneOffset.UTC)).name(), l.id(), l.assetId(),
                        l.planType().name(), l.units(), l.validUntil());
            });
        });
    }
}
