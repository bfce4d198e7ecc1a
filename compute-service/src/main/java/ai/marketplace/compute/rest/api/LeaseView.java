package ai.marketplace.compute.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.marketplace.compute.domain.Lease;
import ai.marketplace.platform.money.Amount;

/**
 * A lease as its renter and its provider see it. {@code usedAmount} is what the usage reported so far costs;
 * once the lease is settled ({@code settledAt}) it is what settlement captures. A lease that ran takes the
 * provider's final meter reading until {@code finalReadingUntil}.
 */
@Schema(description = "A lease of GPUs on one offer, as its renter and its provider see it")
public record LeaseView(UUID id, UUID offerId,
        @Schema(description = "The renter's subject id") String renterId,
        @Schema(description = "The offer owner's subject id, who is paid") String providerId,
        @Schema(description = "GPUs reserved on the offer") int gpus,
        @Schema(description = "Hours booked: the hold covers gpus × hours × pricePerGpuHour") int hours,
        @Schema(description = "The offer's price when the lease was requested, in base units") Amount pricePerGpuHour,
        @Schema(description = "The most the lease can cost: what is held in escrow") Amount maxAmount,
        @Schema(description = "REQUESTED → ACTIVE → COMPLETED, or CANCELLED, FAILED, EXPIRED", examples = "ACTIVE") String state,
        @Schema(description = "Why it ended, for example RENTER_ENDED or PROVIDER_UNRESPONSIVE") String terminationReason,
        @Schema(description = "Words on the termination") String terminationDetail,
        @Schema(description = "The escrow hold in settlement") UUID holdId,
        @Schema(description = "GPU-seconds reported by the provider so far (cumulative)") long usedGpuSeconds,
        @Schema(description = "What the reported usage costs; once settled, what was captured") Amount usedAmount,
        OffsetDateTime createdAt, OffsetDateTime activatedAt,
        @Schema(description = "When the booked hours run out") OffsetDateTime endsAt,
        OffsetDateTime endedAt,
        @Schema(description = "Until when the provider may still send its final meter reading") OffsetDateTime finalReadingUntil,
        @Schema(description = "When settlement was asked to capture the usage and release the rest") OffsetDateTime settledAt,
        long version) {

    public static LeaseView of(Lease l) {
        return new LeaseView(l.id(), l.offerId(), l.renterId(), l.providerId(), l.gpus(), l.hours(),
                l.pricePerGpuHour(), l.maxAmount(), l.state().name(),
                l.terminationReason() == null ? null : l.terminationReason().name(), l.terminationDetail(), l.holdId(),
                l.usedGpuSeconds(), l.usedAmount() != null ? l.usedAmount() : l.usageAmount(), l.createdAt(),
                l.activatedAt(), l.endsAt(), l.endedAt(), l.settleAfter(), l.settledAt(), l.version());
    }
}
