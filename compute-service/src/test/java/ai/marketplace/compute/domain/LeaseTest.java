package ai.marketplace.compute.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.Unprocessable;
import ai.marketplace.platform.money.Amount;

/**
 * A lease: REQUESTED → ACTIVE | CANCELLED | EXPIRED; ACTIVE → COMPLETED | FAILED. Every other move is refused with
 * the state it is in, and metered usage is cumulative and bounded by what the GPUs can have run.
 */
class LeaseTest {

    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    static final java.time.Duration WINDOW = java.time.Duration.ofMinutes(10);

    static Lease requested(int gpus, int hours) {
        Offer offer = Offer.publish("provider", new OfferSpec("eu", "H100", 80, 8, 32, 256, Amount.of(3_600), 1, 24,
                null, null));
        return Lease.request("renter", offer, gpus, hours, false);
    }

    static Lease active(int gpus, int hours) {
        Lease l = requested(gpus, hours);
        l.activate(UUID.randomUUID(), T0);
        return l;
    }

    @Test
    void aRequestSnapshotsThePriceAndTheMostItCanCost() {
        Lease l = requested(2, 3);
        assertThat(l.state()).isEqualTo(LeaseState.REQUESTED);
        assertThat(l.state().holdsCapacity()).isTrue();
        assertThat(l.pricePerGpuHour()).isEqualTo(Amount.of(3_600));
        assertThat(l.maxAmount()).isEqualTo(Amount.of(3_600L * 2 * 3));
        assertThat(l.isRenter("renter")).isTrue();
        assertThat(l.isProvider("provider")).isTrue();
        assertThat(l.isProvider(null)).isFalse();
    }

    @Test
    void activationStartsTheTermForTheBookedHours() {
        UUID hold = UUID.randomUUID();
        Lease l = requested(1, 5);
        l.activate(hold, T0);
        assertThat(l.state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(l.holdId()).isEqualTo(hold);
        assertThat(l.endsAt()).isEqualTo(T0.plusHours(5));
    }

    @Test
    void aRequestEndsCancelledOrExpiredOwingNothing() {
        Lease cancelled = requested(1, 1);
        cancelled.cancel(TerminationReason.PAYMENT_FAILED, "INSUFFICIENT_FUNDS", T0);
        assertThat(cancelled.state()).isEqualTo(LeaseState.CANCELLED);
        assertThat(cancelled.terminationReason()).isEqualTo(TerminationReason.PAYMENT_FAILED);
        assertThat(cancelled.terminationDetail()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(cancelled.usedAmount()).isEqualTo(Amount.ZERO);
        assertThat(cancelled.state().holdsCapacity()).isFalse();

        Lease expired = requested(1, 1);
        expired.expire(T0);
        assertThat(expired.state()).isEqualTo(LeaseState.EXPIRED);
        assertThat(expired.terminationReason()).isEqualTo(TerminationReason.ACTIVATION_TIMEOUT);
        assertThat(expired.usedAmount()).isEqualTo(Amount.ZERO);
    }

    @Test
    void anActiveLeaseCompletesOrFailsAndThePaymentIsTheUsageReported() {
        Lease completed = active(2, 2);
        completed.reportUsage(3_600, T0.plusMinutes(30)); // 2 GPUs × 30 min = 3,600 GPU-seconds
        completed.complete(TerminationReason.RENTER_ENDED, T0.plusMinutes(31), WINDOW);
        assertThat(completed.state()).isEqualTo(LeaseState.COMPLETED);
        assertThat(completed.usedAmount()).isEqualTo(Amount.of(3_600)); // 3,600 per GPU-hour × 1 GPU-hour

        Lease failed = active(1, 2);
        failed.reportUsage(1_800, T0.plusMinutes(30));
        failed.fail(TerminationReason.PROVIDER_UNRESPONSIVE, null, T0.plusHours(1), WINDOW);
        assertThat(failed.state()).isEqualTo(LeaseState.FAILED);
        assertThat(failed.usedAmount()).isEqualTo(Amount.of(1_800));
        assertThat(failed.endedAt()).isEqualTo(T0.plusHours(1));
    }

    @Test
    void aFinalReadingAfterTheEndIsBilledWithinTheWindowUpToTheEndAndNotAfterSettling() {
        Lease l = active(2, 2);
        l.reportUsage(1_000, T0.plusMinutes(10));
        OffsetDateTime end = T0.plusMinutes(30);
        l.complete(TerminationReason.RENTER_ENDED, end, WINDOW);
        assertThat(l.usedAmount()).isEqualTo(Amount.of(1_000));
        assertThat(l.awaitsFinalReading(end.plusMinutes(5))).isTrue();
        // No more than 2 GPUs × 30 min until the end, even when reported later.
        assertThatThrownBy(() -> l.reportUsage(3_601, end.plusMinutes(5))).isInstanceOf(Unprocessable.class);
        assertThat(l.reportUsage(3_600, end.plusMinutes(5))).isTrue();
        assertThat(l.usedAmount()).isEqualTo(Amount.of(3_600));
        l.settle(end.plusMinutes(6));
        assertThatThrownBy(() -> l.reportUsage(3_600, end.plusMinutes(7))).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("final-reading-closed"));
        assertThatThrownBy(() -> l.settle(end.plusMinutes(8))).isInstanceOf(Conflict.class);

        Lease late = active(1, 1);
        late.complete(TerminationReason.TERM_ENDED, T0.plusHours(1), WINDOW);
        assertThat(late.awaitsFinalReading(T0.plusHours(1).plus(WINDOW))).isFalse();
        assertThatThrownBy(() -> late.reportUsage(10, T0.plusHours(1).plus(WINDOW))).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("final-reading-closed"));
    }

    @Test
    void everyMoveFromTheWrongStateIsRefusedAndChangesNothing() {
        List<Consumer<Lease>> fromRequestedOnly = List.of(
                l -> l.activate(UUID.randomUUID(), T0),
                l -> l.cancel(TerminationReason.RENTER_CANCELLED, null, T0),
                l -> l.expire(T0));
        List<Consumer<Lease>> fromActiveOnly = List.of(
                l -> l.complete(TerminationReason.TERM_ENDED, T0, WINDOW),
                l -> l.fail(TerminationReason.PROVIDER_FAULT, "x", T0, WINDOW),
                l -> l.reportUsage(1, T0));
        for (Consumer<Lease> move : fromActiveOnly) {
            Lease l = requested(1, 1);
            assertThatThrownBy(() -> move.accept(l)).isInstanceOf(Conflict.class)
                    .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("lease-requested"));
            assertThat(l.state()).isEqualTo(LeaseState.REQUESTED);
        }
        for (Consumer<Lease> move : fromRequestedOnly) {
            Lease l = active(1, 1);
            assertThatThrownBy(() -> move.accept(l)).isInstanceOf(Conflict.class)
                    .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("lease-active"));
            assertThat(l.state()).isEqualTo(LeaseState.ACTIVE);
        }
        Lease done = active(1, 1);
        done.complete(TerminationReason.TERM_ENDED, T0.plusHours(1), WINDOW);
        for (Consumer<Lease> move : fromRequestedOnly.subList(0, 1)) {
            assertThatThrownBy(() -> move.accept(done)).isInstanceOf(Conflict.class)
                    .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("lease-completed"));
        }
        // A completed lease takes a final reading only (its own test); it neither completes nor fails again.
        for (Consumer<Lease> move : fromActiveOnly.subList(0, 2)) {
            assertThatThrownBy(() -> move.accept(done)).isInstanceOf(Conflict.class)
                    .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("lease-completed"));
        }
        assertThat(done.state()).isEqualTo(LeaseState.COMPLETED);
    }

    @Test
    void usageIsCumulativeAndBoundedByWhatCanHaveRun() {
        Lease l = active(2, 1);
        assertThat(l.reportUsage(1_000, T0.plusMinutes(10))).isTrue();
        assertThat(l.reportUsage(1_000, T0.plusMinutes(11))).as("a retried report changes nothing").isFalse();
        assertThatThrownBy(() -> l.reportUsage(999, T0.plusMinutes(12))).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).slug()).isEqualTo("usage-decreased"));
        // 2 GPUs × 20 minutes = 2,400 GPU-seconds at most
        assertThatThrownBy(() -> l.reportUsage(2_401, T0.plusMinutes(20))).isInstanceOf(Unprocessable.class)
                .satisfies(e -> assertThat(((Unprocessable) e).facts()).containsEntry("maxGpuSeconds", 2_400L));
        assertThat(l.usedGpuSeconds()).isEqualTo(1_000);
        // past the end of the term the ceiling stops growing
        assertThat(l.elapsedGpuSeconds(T0.plusHours(5))).isEqualTo(2 * 3_600);
    }

    @Test
    void aLeaseWhoseMostItCanCostExceedsWhatATokenCanHoldIsUnprocessable() {
        Offer dear = Offer.publish("provider", new OfferSpec("eu", "H100", 80, 8, 32, 256, new Amount(Amount.MAX), 1, 24,
                null, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lease.request("renter", dear, 2, 1, false))
                .isInstanceOf(ai.marketplace.platform.domain.DomainException.Unprocessable.class);
    }

    @Test
    void usageIsPricedRoundingDownInTheRentersFavour() {
        Lease l = active(1, 1);
        l.reportUsage(1, T0.plusSeconds(1)); // 3,600 per GPU-hour → 1 per GPU-second
        assertThat(l.usageAmount()).isEqualTo(Amount.of(1));
        Lease cheap = Lease.request("renter", Offer.publish("p", new OfferSpec("eu", "T4", 16, 1, 4, 16, Amount.of(1), 1, 2,
                null, null)), 1, 1, false);
        cheap.activate(UUID.randomUUID(), T0);
        cheap.reportUsage(3_599, T0.plusHours(1));
        assertThat(cheap.usageAmount()).isEqualTo(Amount.ZERO);
    }
}
