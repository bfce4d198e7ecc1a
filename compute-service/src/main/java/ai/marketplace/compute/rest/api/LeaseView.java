package ai.marketplace.compute.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.money.Amount;

public record LeaseView(UUID id, UUID offerId, int gpus, int hours, Amount pricePerGpuHour, Amount maxAmount,
        String state, String terminationReason, OffsetDateTime createdAt) {

    public static LeaseView of(Lease l) {
        return new LeaseView(l.id(), l.offerId(), l.gpus(), l.hours(), l.pricePerGpuHour(), l.maxAmount(),
                l.state().name(), l.terminationReason(), l.createdAt());
    }
}
