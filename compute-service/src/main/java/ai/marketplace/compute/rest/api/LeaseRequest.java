package ai.marketplace.compute.rest.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.compute.domain.LeaseTerms;
import ai.marketplace.platform.money.Amount;

/** Either a specific {@code offerId}, or {@code requirements} for matching; never both. */
public record LeaseRequest(
        UUID offerId,
        @Valid Requirements requirements,
        @NotNull @Min(1) @Max(1024) Integer gpus,
        @NotNull @Min(1) @Max(8760) Integer hours) {

    public record Requirements(
            @Size(max = 50) String gpuModel,
            @Min(1) @Max(1024) Integer minVramGb,
            @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case region such as eu-west") String region,
            Amount maxPricePerGpuHour) {
    }

    public LeaseTerms terms() {
        return new LeaseTerms(offerId, requirements == null ? null : new LeaseTerms.Requirements(requirements.gpuModel(),
                requirements.minVramGb(), requirements.region(), requirements.maxPricePerGpuHour()), gpus, hours);
    }
}
