package ai.marketplace.compute.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.money.Amount;

/**
 * Lease events on {@code marketplace.compute.v1}, keyed by lease id so settlement sees each lease's events in
 * order (docs/architecture.md, rental saga contract). Settlement holds {@code maxAmount} on LeaseRequested, releases the hold on
 * LeaseCancelled, and on LeaseEnded captures {@code usedAmount} for the provider and releases the rest.
 */
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

    /** The hold is in place; the GPUs are the renter's from {@code activatedAt} to {@code endsAt}. */
    public record LeaseActivated(UUID leaseId, String renterId, String providerId, UUID offerId, int gpus,
            UUID holdId, Amount maxAmount, OffsetDateTime activatedAt, OffsetDateTime endsAt) {
        public static final String NAME = "LeaseActivated";

        public static LeaseActivated of(Lease l) {
            return new LeaseActivated(l.id(), l.renterId(), l.providerId(), l.offerId(), l.gpus(), l.holdId(),
                    l.maxAmount(), l.activatedAt(), l.endsAt());
        }
    }

    /**
     * Ended before it ran (state CANCELLED or EXPIRED): nothing is owed, any hold for it is released in full.
     */
    public record LeaseCancelled(UUID leaseId, String renterId, String providerId, UUID offerId, String state,
            String reason, OffsetDateTime cancelledAt) {
        public static final String NAME = "LeaseCancelled";

        public static LeaseCancelled of(Lease l) {
            return new LeaseCancelled(l.id(), l.renterId(), l.providerId(), l.offerId(), l.state().name(),
                    l.terminationReason().name(), l.endedAt());
        }
    }

    /** The provider's cumulative meter reading and what it costs so far. */
    public record UsageReported(UUID leaseId, String renterId, String providerId, long usedGpuSeconds,
            Amount usedAmount, Amount maxAmount, OffsetDateTime reportedAt) {
        public static final String NAME = "UsageReported";

        public static UsageReported of(Lease l) {
            return new UsageReported(l.id(), l.renterId(), l.providerId(), l.usedGpuSeconds(), l.usageAmount(),
                    l.maxAmount(), l.usageReportedAt());
        }
    }

    /**
     * A lease that ran is over (state COMPLETED or FAILED): settlement captures {@code usedAmount} from the hold
     * for the provider and releases {@code maxAmount - usedAmount} to the renter.
     */
    public record LeaseEnded(UUID leaseId, String renterId, String providerId, UUID offerId, UUID holdId,
            String state, String reason, long usedGpuSeconds, Amount usedAmount, Amount maxAmount,
            OffsetDateTime activatedAt, OffsetDateTime endedAt) {
        public static final String NAME = "LeaseEnded";

        public static LeaseEnded of(Lease l) {
            return new LeaseEnded(l.id(), l.renterId(), l.providerId(), l.offerId(), l.holdId(), l.state().name(),
                    l.terminationReason().name(), l.usedGpuSeconds(), l.usedAmount(), l.maxAmount(), l.activatedAt(),
                    l.endedAt());
        }
    }
}
