package ai.marketplace.catalog.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.catalog.domain.Licence;
import ai.marketplace.catalog.domain.Order;
import ai.marketplace.platform.money.Amount;

/**
 * The catalog side of the purchase saga (docs/architecture.md, purchase saga contract). Keyed by order id, so settlement sees an order's
 * events in order. Subject ids only.
 */
public final class OrderEvents {

    public static final String AGGREGATE = "Order";

    private OrderEvents() {
    }

    /** Settlement should hold {@code amount} of the buyer's funds for this order. */
    public record OrderPlaced(UUID orderId, String buyerId, String sellerId, UUID assetId, UUID planId, String planType,
            Amount unitPrice, long units, Amount amount, OffsetDateTime placedAt) {
        public static final String NAME = "OrderPlaced";

        public static OrderPlaced of(Order o) {
            return new OrderPlaced(o.id(), o.buyerId(), o.sellerId(), o.assetId(), o.planId(), o.planType().name(),
                    o.unitPrice(), o.units(), o.amount(), o.createdAt());
        }
    }

    public record OrderCancelled(UUID orderId, String buyerId, String reason, OffsetDateTime cancelledAt) {
        public static final String NAME = "OrderCancelled";

        public static OrderCancelled of(Order o) {
            return new OrderCancelled(o.id(), o.buyerId(), o.cancelReason(), o.updatedAt());
        }
    }

    /** The buyer holds a licence: settlement captures the held amount (seller minus fee, platform fee). */
    public record LicenceGranted(UUID licenceId, UUID orderId, String holderId, String sellerId, UUID assetId,
            Amount amount, OffsetDateTime validFrom, OffsetDateTime validUntil) {
        public static final String NAME = "LicenceGranted";

        public static LicenceGranted of(Licence l, Order o) {
            return new LicenceGranted(l.id(), o.id(), l.holderId(), o.sellerId(), o.assetId(), o.amount(),
                    l.validFrom(), l.validUntil());
        }
    }

    public record LicenceRevoked(UUID licenceId, UUID orderId, String holderId, UUID assetId, String reason,
            OffsetDateTime revokedAt) {
        public static final String NAME = "LicenceRevoked";
    }
}
