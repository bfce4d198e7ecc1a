package ai.marketplace.catalog.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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

    @Schema(description = "An order: the plan's terms as they were when it was placed, and where the purchase saga is")
    public record OrderView(UUID id,
            @Schema(description = "The buyer's subject id") String buyerId,
            @Schema(description = "The asset owner's subject id, who is paid") String sellerId,
            UUID assetId, UUID planId,
            @Schema(description = "ONE_TIME, PAY_PER_USE or SUBSCRIPTION, as the plan said") String planType,
            @Schema(description = "Price of one unit (the whole price for ONE_TIME), in base units") Amount unitPrice,
            @Schema(description = "Units bought (1 unless PAY_PER_USE)") long units,
            @Schema(description = "What a unit is, for PAY_PER_USE (for example 1k-tokens)") String unit,
            @Schema(description = "Length of a SUBSCRIPTION's period") Integer periodDays,
            @Schema(description = "unitPrice × units: what is held and, once paid, captured") Amount amount,
            @Schema(description = "PENDING_PAYMENT → PAID → FULFILLED (licence granted), or CANCELLED", examples = "FULFILLED") String state,
            @Schema(description = "Why it was cancelled: BUYER, EXPIRED, or the payment failure settlement gave (for example INSUFFICIENT_FUNDS)") String cancelReason,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

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
