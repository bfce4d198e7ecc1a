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
    /** {@code final}: after the lease ended, this is the last reading: settle now rather than at the window's end. */
    public record UsageReport(@NotNull @Min(0) @Max(32_296_140_800L) Long usedGpuSeconds,
            @com.fasterxml.jackson.annotation.JsonProperty("final") Boolean last) {

        public boolean isLast() {
            return Boolean.TRUE.equals(last);
        }
    }

    public record FaultReport(@Size(max = 500) String detail) {
    }
}
