package ai.marketplace.compute.rest.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.marketplace.compute.domain.Offer;
import ai.marketplace.compute.domain.OfferSpec;
import ai.marketplace.compute.domain.OfferState;
import ai.marketplace.compute.service.OfferService;
import ai.marketplace.platform.money.Amount;

public final class OfferApi {

    private OfferApi() {
    }

    public record OfferRequest(
            @NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case region such as eu-west") String region,
            @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]*", message = "must be a GPU model name such as H100-80GB") String gpuModel,
            @NotNull @Min(1) @Max(1024) Integer vramGb,
            @NotNull @Min(1) @Max(1024) Integer gpuCount,
            @NotNull @Min(1) @Max(4096) Integer cpuCores,
            @NotNull @Min(1) @Max(65536) Integer ramGb,
            @NotNull Amount pricePerGpuHour,
            @NotNull @Min(1) @Max(8760) Integer minHours,
            @NotNull @Min(1) @Max(8760) Integer maxHours,
            @Size(max = 200) List<@NotBlank @Size(max = 200) String> allowedTenants,
            @Size(max = 200) List<@NotBlank @Size(max = 200) String> deniedTenants) {

        public OfferSpec toSpec() {
            if (pricePerGpuHour.isZero()) {
                throw ai.marketplace.platform.problem.ProblemException.invalid("body.pricePerGpuHour", "must be greater than 0");
            }
            return new OfferSpec(region, gpuModel.strip(), vramGb, gpuCount, cpuCores, ramGb, pricePerGpuHour, minHours,
                    maxHours, allowedTenants, deniedTenants);
        }
    }

    public record StateRequest(@NotNull OfferState state) {
    }

    /** A node agent's report: whether the machines are fit, and how many GPUs it sees free. */
    public record HeartbeatRequest(@NotNull Boolean healthy, @Min(0) @Max(1024) Integer freeGpus) {
    }

    /** {@code staleAfter}: the offer stops matching, and its ACTIVE leases fail, unless a heartbeat comes by then. */
    public record HeartbeatView(UUID offerId, OffsetDateTime receivedAt, boolean healthy, OffsetDateTime staleAfter) {

        public static HeartbeatView of(OfferService.Heartbeat h) {
            return new HeartbeatView(h.offerId(), h.receivedAt(), h.healthy(), h.staleAfter());
        }
    }

    /**
     * Tenant lists and the agent's free-GPU count only for the offer's owner. {@code rankPrice} is the price
     * weighted by the provider's reputation, which orders the market.
     */
    public record OfferView(UUID id, String providerId, String region, String gpuModel, int vramGb, int gpuCount,
            int availableGpus, int cpuCores, int ramGb, Amount pricePerGpuHour, String rankPrice, int minHours,
            int maxHours, List<String> allowedTenants, List<String> deniedTenants, String state, boolean healthy,
            OffsetDateTime lastHeartbeatAt, Integer reportedFreeGpus, long version, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        public static OfferView of(Offer o, String viewer) {
            boolean owner = o.isOwnedBy(viewer);
            return new OfferView(o.id(), o.providerId(), o.region(), o.gpuModel(), o.vramGb(), o.gpuCount(),
                    o.availableGpus(), o.cpuCores(), o.ramGb(), o.pricePerGpuHour(),
                    o.rankPrice() == null ? null : o.rankPrice().toPlainString(), o.minHours(), o.maxHours(),
                    owner ? o.allowedTenants() : null, owner ? o.deniedTenants() : null, o.state().name(), o.healthy(),
                    o.lastHeartbeatAt(), owner ? o.reportedFreeGpus() : null, o.version(), o.createdAt(), o.updatedAt());
        }
    }
}
