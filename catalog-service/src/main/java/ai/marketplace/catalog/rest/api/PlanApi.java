package ai.marketplace.catalog.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.catalog.domain.PlanTerms;
import ai.marketplace.catalog.domain.PlanType;
import ai.marketplace.catalog.domain.PricingPlan;
import ai.marketplace.platform.money.Amount;

public final class PlanApi {

    private PlanApi() {
    }

    /** {@code price} in the token's base units as a decimal string; per unit for PAY_PER_USE. */
    public record CreatePlanRequest(
            @NotNull PlanType type,
            @NotNull Amount price,
            @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case unit such as request or 1k-tokens") String unit,
            @Min(1) @Max(3660) Integer periodDays) {

        public PlanTerms terms() {
            return new PlanTerms(type, price, unit, periodDays);
        }
    }

    public record PlanView(UUID id, UUID assetId, String type, Amount price, String unit, Integer periodDays,
            String state, UUID replacesPlanId, OffsetDateTime createdAt, OffsetDateTime archivedAt) {

        public static PlanView of(PricingPlan p) {
            return new PlanView(p.id(), p.assetId(), p.type().name(), p.price(), p.unit(), p.periodDays(),
                    p.state().name(), p.replacesId(), p.createdAt(), p.archivedAt());
        }
    }
}
