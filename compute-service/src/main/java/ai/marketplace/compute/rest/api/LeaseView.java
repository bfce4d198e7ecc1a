package ai.marketplace.compute.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.money.Amount;

/**
 * A lease as its renter and its provider see it. {@code usedAmount} is what the usage reported so far costs;
 * once the lease is settled ({@code settledAt}) it is what settlement captures. A lease that ran takes the
 * provider's final meter reading until {@code finalReadingUntil}.
 */
public record LeaseView(UUID id, UUID offerId, String renterId, String providerId, int gpus, int hours,
        Amount pricePerGpuHour, Amount maxAmount, String state, String terminationReason, String terminationDetail,
        UUID holdId, long usedGpuSeconds, Amount usedAmount, OffsetDateTime createdAt, OffsetDateTime activatedAt,
        OffsetDateTime endsAt, OffsetDateTime endedAt, OffsetDateTime finalReadingUntil, OffsetDateTime settledAt, long version) {

    public static LeaseView of(Lease l) {
        return new LeaseView(l.id(), l.offerId(), l.renterId(), l.providerId(), l.gpus(), l.hours(),
                l.pricePerGpuHour(), l.maxAmount(), l.state().name(),
                l.terminationReason() == null ? null : l.terminationReason().name(), l.terminationDetail(), l.holdId(),
                l.usedGpuSeconds(), l.usedAmount() != null ? l.usedAmount() : l.usageAmount(), l.createdAt(),
                l.activatedAt(), l.endsAt(), l.endedAt(), l.settleAfter(), l.settledAt(), l.version());
    }
}
