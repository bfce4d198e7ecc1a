package ai.marketplace.compute.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.compute.domain.Offer;
import ai.marketplace.platform.money.Amount;

/** Offer events on {@code marketplace.compute.v1}, keyed by offer id. Tenant lists are not published. */
public final class OfferEvents {

    public static final String AGGREGATE = "Offer";

    private OfferEvents() {
    }

    public record OfferSnapshot(UUID offerId, String providerId, String region, String gpuModel, int vramGb,
            int gpuCount, int cpuCores, int ramGb, Amount pricePerGpuHour, int minHours, int maxHours, String state,
            long version, OffsetDateTime at) {

        public static OfferSnapshot of(Offer o) {
            return new OfferSnapshot(o.id(), o.providerId(), o.region(), o.gpuModel(), o.vramGb(), o.gpuCount(),
                    o.cpuCores(), o.ramGb(), o.pricePerGpuHour(), o.minHours(), o.maxHours(), o.state().name(),
                    o.version(), o.updatedAt());
        }
    }

    public static final String PUBLISHED = "OfferPublished";
    public static final String UPDATED = "OfferUpdated";
    public static final String WITHDRAWN = "OfferWithdrawn";
}
