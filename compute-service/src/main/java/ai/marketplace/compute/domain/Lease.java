package ai.marketplace.compute.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.Unprocessable;
import ai.marketplace.platform.domain.VersionedEntity;
import ai.marketplace.platform.money.Amount;

/** A renter's lease of GPUs on one offer. */
@Entity
@Table(name = "lease")
public class Lease extends VersionedEntity {

    @Id
    private UUID id;

    private String renterId;

    private UUID offerId;

    private String providerId;

    private String requestKind;

    private int gpus;

    private int hours;

    private Amount pricePerGpuHour;

    private Amount maxAmount;

    @Enumerated(EnumType.STRING)
    private LeaseState state;

    @Enumerated(EnumType.STRING)
    private TerminationReason terminationReason;

    private String terminationDetail;

    private UUID holdId;

    private OffsetDateTime activatedAt;

    private OffsetDateTime endsAt;

    private OffsetDateTime endedAt;

    private long usedGpuSeconds;

    private OffsetDateTime usageReportedAt;

    private Amount usedAmount;

    /** A lease that ran: until when the provider's final meter reading is awaited. */
    private OffsetDateTime settleAfter;

    /** When LeaseEnded was published with the final amount. */
    private OffsetDateTime settledAt;




    protected Lease() {
    }

    /**
     * A renter's request on an offer whose capacity has just been reserved for it; the price is snapshotted and
     * the most it can cost ({@code maxAmount}) is what settlement will hold.
     */
    public static Lease request(String renterId, Offer offer, int gpus, int hours, boolean byRequirements) {
        var l = new Lease();
        l.id = UUID.randomUUID();
        l.renterId = renterId;
        l.offerId = offer.id();
        l.providerId = offer.providerId();
        l.requestKind = byRequirements ? "REQUIREMENTS" : "OFFER";
        l.gpus = gpus;
        l.hours = hours;
        l.pricePerGpuHour = offer.pricePerGpuHour();
        l.maxAmount = offer.pricePerGpuHour().times((long) gpus * hours);
        l.state = LeaseState.REQUESTED;
        l.createdAt = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        l.updatedAt = l.createdAt;
        return l;
    }

    /** Settlement holds the maximum: the lease runs from now for its booked hours. */
    public void activate(UUID holdId, OffsetDateTime now) {
        requireState(LeaseState.REQUESTED, "activated");
        this.holdId = holdId;
        state = LeaseState.ACTIVE;
        activatedAt = now;
        endsAt = now.plusHours(hours);
        updatedAt = now;
    }

    /** Before activation: the renter changed their mind or the payment failed. Nothing is owed. */
    public void cancel(TerminationReason reason, String detail, OffsetDateTime now) {
        requireState(LeaseState.REQUESTED, "cancelled");
        terminate(LeaseState.CANCELLED, reason, detail, now);
    }

    /** Settlement never answered: the reservation must not block capacity forever. */
    public void expire(OffsetDateTime now) {
        requireState(LeaseState.REQUESTED, "expired");
        terminate(LeaseState.EXPIRED, TerminationReason.ACTIVATION_TIMEOUT, null, now);
    }

    /**
     * Term over or ended early by the renter: the provider is paid its usage, including a final reading it reports
     * within {@code finalReadingWindow}.
     */
    public void complete(TerminationReason reason, OffsetDateTime now, java.time.Duration finalReadingWindow) {
        requireState(LeaseState.ACTIVE, "completed");
        terminate(LeaseState.COMPLETED, reason, null, now);
        settleAfter = now.plus(finalReadingWindow);
    }

    /** The provider failed the renter; it is still paid for its usage up to the failure. */
    public void fail(TerminationReason reason, String detail, OffsetDateTime now, java.time.Duration finalReadingWindow) {
        requireState(LeaseState.ACTIVE, "failed");
        terminate(LeaseState.FAILED, reason, detail, now);
        settleAfter = now.plus(finalReadingWindow);
    }

    /** Whether the lease ran and still awaits its final reading at {@code now}. */
    public boolean awaitsFinalReading(OffsetDateTime now) {
        return settledAt == null && settleAfter != null && now.isBefore(settleAfter);
    }

    /** The final amount is decided: LeaseEnded goes out now. */
    public void settle(OffsetDateTime now) {
        if (settleAfter == null || settledAt != null) {
            throw new Conflict("lease-settled", "The lease has no usage left to settle");
        }
        settledAt = now;
        updatedAt = now;
    }

    /**
     * The provider's meter: cumulative GPU-seconds so far, so a retried report changes nothing. It may not go
     * backwards nor exceed what the GPUs could have run since activation.
     *
     * @return whether the reported usage changed
     */
    public boolean reportUsage(long totalGpuSeconds, OffsetDateTime now) {
        if (state != LeaseState.ACTIVE && !awaitsFinalReading(now)) {
            if (settleAfter != null) {
                throw new Conflict("final-reading-closed", "The lease ended at " + endedAt + "; its final reading was"
                        + " due by " + settleAfter);
            }
            requireState(LeaseState.ACTIVE, "metered");
        }
        if (totalGpuSeconds < usedGpuSeconds) {
            throw new Conflict("usage-decreased", "Usage is cumulative: " + totalGpuSeconds
                    + " GPU-seconds is less than the " + usedGpuSeconds + " already reported");
        }
        long ceiling = elapsedGpuSeconds(now);
        if (totalGpuSeconds > ceiling) {
            throw new Unprocessable("usage-exceeds-elapsed", "Usage beyond what the lease can have run",
                    totalGpuSeconds + " GPU-seconds exceeds the " + ceiling + " that " + gpus
                            + " GPUs can have run since activation").with(java.util.Map.of("maxGpuSeconds", ceiling));
        }
        if (totalGpuSeconds == usedGpuSeconds) {
            return false;
        }
        usedGpuSeconds = totalGpuSeconds;
        usageReportedAt = now;
        updatedAt = now;
        if (state != LeaseState.ACTIVE) {
            usedAmount = usageAmount();
        }
        return true;
    }

    /** What {@code gpus} GPUs can have run between activation and now (or the end of the term, or the lease). */
    public long elapsedGpuSeconds(OffsetDateTime now) {
        OffsetDateTime until = now.isAfter(endsAt) ? endsAt : now;
        if (endedAt != null && until.isAfter(endedAt)) {
            until = endedAt;
        }
        long seconds = Math.max(0, java.time.Duration.between(activatedAt, until).toSeconds());
        return seconds * gpus;
    }

    /** Price per GPU-hour × GPU-seconds / 3600, rounded down in the renter's favour; never above the hold. */
    public Amount usageAmount() {
        return pricePerGpuHour.prorate(usedGpuSeconds, 3600);
    }

    public boolean isRenter(String subject) {
        return renterId.equals(subject);
    }

    public boolean isProvider(String subject) {
        return subject != null && subject.equals(providerId);
    }

    private void terminate(LeaseState target, TerminationReason reason, String detail, OffsetDateTime now) {
        state = target;
        terminationReason = reason;
        terminationDetail = detail;
        endedAt = now;
        usedAmount = target == LeaseState.COMPLETED || target == LeaseState.FAILED ? usageAmount() : Amount.ZERO;
        updatedAt = now;
    }

    private void requireState(LeaseState expected, String verb) {
        if (state != expected) {
            // Spelled out, not derived from the enum's names: a problem type is a wire contract clients switch on.
            String slug = switch (state) {
                case REQUESTED -> "lease-requested";
                case ACTIVE -> "lease-active";
                case COMPLETED -> "lease-completed";
                case CANCELLED -> "lease-cancelled";
                case FAILED -> "lease-failed";
                case EXPIRED -> "lease-expired";
            };
            throw new Conflict(slug,
                    "The lease is " + state + " and cannot be " + verb + " (only a " + expected + " lease can)");
        }
    }

    public String providerId() {
        return providerId;
    }

    public UUID id() {
        return id;
    }

    public String renterId() {
        return renterId;
    }

    public UUID offerId() {
        return offerId;
    }

    public int gpus() {
        return gpus;
    }

    public int hours() {
        return hours;
    }

    public Amount pricePerGpuHour() {
        return pricePerGpuHour;
    }

    public Amount maxAmount() {
        return maxAmount;
    }

    public LeaseState state() {
        return state;
    }

    public TerminationReason terminationReason() {
        return terminationReason;
    }

    public String terminationDetail() {
        return terminationDetail;
    }

    public UUID holdId() {
        return holdId;
    }

    public OffsetDateTime activatedAt() {
        return activatedAt;
    }

    public OffsetDateTime endsAt() {
        return endsAt;
    }

    public OffsetDateTime settleAfter() {
        return settleAfter;
    }

    public OffsetDateTime settledAt() {
        return settledAt;
    }

    public OffsetDateTime endedAt() {
        return endedAt;
    }

    public long usedGpuSeconds() {
        return usedGpuSeconds;
    }

    public OffsetDateTime usageReportedAt() {
        return usageReportedAt;
    }

    public Amount usedAmount() {
        return usedAmount;
    }


}
