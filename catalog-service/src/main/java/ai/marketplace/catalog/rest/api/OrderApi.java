package ai.marketplace.catalog.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import ai.marketplace.catalog.domain.Licence;
import ai.marketplace.catalog.domain.Order;
import ai.marketplace.catalog.domain.OrderTerms;
import ai.marketplace.catalog.service.OrderService;
import ai.marketplace.platform.money.Amount;

public final class OrderApi {

    private OrderApi() {
    }

    /** {@code units} only for PAY_PER_USE plans (prepaid units); 1 otherwise. */
    public record PlaceOrderRequest(@NotNull UUID assetId, @NotNull UUID planId, @Min(1) @Max(1_000_000_000L) Long units) {

        public OrderTerms terms() {
            return new OrderTerms(assetId, planId, units);
        }
    }

    public record OrderView(UUID id, String buyerId, String sellerId, UUID assetId, UUID planId, String planType,
            Amount unitPrice, long units, String unit, Integer periodDays, Amount amount, String state,
            String cancelReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        public static OrderView of(Order o) {
            return new OrderView(o.id(), o.buyerId(), o.sellerId(), o.assetId(), o.planId(), o.planType().name(),
                    o.unitPrice(), o.units(), o.unit(), o.periodDays(), o.amount(), o.state().name(), o.cancelReason(),
                    o.createdAt(), o.updatedAt());
        }
    }

    /** Shown to the holder only, with the access key a provider's delivery endpoint will check. */
    public record LicenceView(UUID id, UUID orderId, UUID assetId, String planType, long units,
            OffsetDateTime validFrom, OffsetDateTime validUntil, String status, String accessKey) {

        public static LicenceView of(OrderService.HeldLicence held, OffsetDateTime now) {
            return of(held.licence(), held.accessKey(), now);
        }

        public static LicenceView of(Licence l, String accessKey, OffsetDateTime now) {
            return new LicenceView(l.id(), l.orderId(), l.assetId(), l.planType().name(), l.units(), l.validFrom(),
                    l.validUntil(), l.statusAt(now).name(), accessKey);
        }
    }

    public record VerifyRequest(@NotNull String accessKey) {
    }

    public record RevokeRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000) String reason) {
    }

    /** What a provider learns about a presented key: nothing about the holder, nothing about other assets. */
    public record VerifyView(String status, UUID licenceId, UUID assetId, String planType, Long units,
            OffsetDateTime validUntil) {

        public static VerifyView unknown() {
            return new VerifyView("UNKNOWN", null, null, null, null, null);
        }

        /** {@code licence} null: the key is unknown, or not to one of the caller's assets. */
        public static VerifyView of(Licence l, OffsetDateTime now) {
            return l == null ? unknown()
                    : new VerifyView(l.statusAt(now).name(), l.id(), l.assetId(), l.planType().name(), l.units(), l.validUntil());
        }
    }
}
