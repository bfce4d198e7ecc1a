package ai.marketplace.compute.rest.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the provider's lease actions. */
public final class LeaseActions {

    private LeaseActions() {
    }

    /**
     * The meter reading: GPU-seconds used since activation, cumulative (a retry of the same reading changes
     * nothing). Charged at price per GPU-hour × seconds / 3600, rounded down. The ceiling is a year of 1024 GPUs.
     */
    public record UsageReport(@NotNull @Min(0) @Max(32_296_140_800L) Long usedGpuSeconds) {
    }

    public record FaultReport(@Size(max = 500) String detail) {
    }
}
