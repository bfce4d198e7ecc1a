package ai.marketplace.compute.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.money.Amount;

/** Lease events on {@code marketplace.compute.v1}, keyed by lease id (design.md §4.2). */
public final class LeaseEvents {

    public static final String AGGREGATE = "Lease";

    private LeaseEvents() {
    }

    /** Settlement should hold {@code maxAmount} of the renter's funds for this lease. */
    public record LeaseRequested(UUID leaseId, String renterId, String providerId, UUID offerId, int gpus, int hours,
            Amount pricePerGpuHour, Amount maxAmount, OffsetDateTime requestedAt) {
        public static final String NAME = "LeaseRequested";

        public static LeaseRequested of(Lease l) {
            return new LeaseRequested(l.id(), l.renterId(), l.providerId(), l.offerId(), l.gpus(), l.hours(),
                    l.pricePerGpuHour(), l.maxAmount(), l.createdAt());
        }
    }
}
