package ai.marketplace.compute.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import ai.marketplace.compute.config.ComputeConfig;
import ai.marketplace.compute.domain.Lease;
import ai.marketplace.compute.domain.LeaseState;
import ai.marketplace.compute.domain.TerminationReason;
import ai.marketplace.compute.events.LeaseEvents.LeaseActivated;
import ai.marketplace.compute.events.LeaseEvents.LeaseCancelled;
import ai.marketplace.compute.events.LeaseEvents.LeaseEnded;
import ai.marketplace.compute.events.LeaseEvents.UsageReported;
import ai.marketplace.compute.events.LeaseEvents;
import ai.marketplace.compute.repository.LeaseRepository;
import ai.marketplace.compute.repository.OfferRepository;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.peers.PaymentOutcomes;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Everything that happens to a lease after it was requested (docs/architecture.md, rental saga contract). Each transition locks the lease
 * row, so settlement's answers, the renter, the provider and the timers of every replica are serialized per
 * lease; a terminal transition gives the GPUs back and writes its event in the same transaction.
 */
@ApplicationScoped
public class LeaseLifecycle implements PaymentOutcomes.Participant {

    private static final Logger LOG = Logger.getLogger(LeaseLifecycle.class);

    @Inject LeaseRepository leases;
    @Inject OfferRepository offers;
    @Inject Outbox outbox;
    @Inject ComputeConfig config;

    // --- settlement's answers (consumer side: a lease that moved on ignores them) ---

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.LEASE;
    }

    /** The renter's funds are held: the lease starts, unless it was cancelled meanwhile or the amount is off. */
    @Override
    @WithTransaction
    public Uni<Void> paymentHeld(UUID leaseId, UUID holdId, Amount amount) {
        return lockedForEvent(leaseId).chain(l -> {
            if (l.state() != LeaseState.REQUESTED) {
                LOG.infof("PaymentHeld for lease %s ignored: it is %s", leaseId, l.state());
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = now();
            if (!l.maxAmount().equals(amount)) {
                LOG.warnf("Lease %s: settlement held %s, the lease needs %s; cancelling", leaseId, amount, l.maxAmount());
                l.cancel(TerminationReason.HOLD_MISMATCH, "held " + amount + ", needed " + l.maxAmount(), now);
                return terminated(l).replaceWithVoid();
            }
            l.activate(holdId, now);
            return leases.flush().chain(() -> append(l, LeaseActivated.NAME, LeaseActivated.of(l))).replaceWithVoid();
        });
    }

    @Override
    @WithTransaction
    public Uni<Void> paymentFailed(UUID leaseId, String reason) {
        return lockedForEvent(leaseId).chain(l -> {
            if (l.state() != LeaseState.REQUESTED) {
                LOG.infof("PaymentFailed for lease %s ignored: it is %s", leaseId, l.state());
                return Uni.createFrom().voidItem();
            }
            l.cancel(TerminationReason.PAYMENT_FAILED, reason, now());
            return terminated(l).replaceWithVoid();
        });
    }

    // --- the parties ---

    @WithSession
    public Uni<Lease> get(UUID leaseId, String caller, boolean operator) {
        return leases.findById(leaseId).map(l -> {
            if (l == null || !(operator || l.isRenter(caller) || l.isProvider(caller))) {
                throw ProblemException.notFound("Lease", leaseId);
            }
            return l;
        });
    }

    /** The renter withdraws a request that has not started. */
    @WithTransaction
    public Uni<Lease> cancel(UUID leaseId, String renter) {
        return lockedForRenter(leaseId, renter).chain(l -> {
            if (l.state() == LeaseState.ACTIVE) {
                throw ProblemException.conflict("lease-active", "The lease is running; end it with POST /v1/leases/" + leaseId + "/end");
            }
            l.cancel(TerminationReason.RENTER_CANCELLED, null, now());
            return terminated(l);
        });
    }

    /** The renter stops a running lease early; the provider is paid the usage it reported. */
    @WithTransaction
    public Uni<Lease> end(UUID leaseId, String renter) {
        return lockedForRenter(leaseId, renter).chain(l -> {
            if (l.state() == LeaseState.REQUESTED) {
                throw ProblemException.conflict("lease-requested", "The lease has not started; cancel it with POST /v1/leases/" + leaseId + "/cancel");
            }
            l.complete(TerminationReason.RENTER_ENDED, now(), config.finalReadingWindow());
            return terminated(l);
        });
    }

    /** The provider reports it cannot serve the lease any more. */
    @WithTransaction
    public Uni<Lease> fault(UUID leaseId, String provider, String detail) {
        return lockedForProvider(leaseId, provider).chain(l -> {
            l.fail(TerminationReason.PROVIDER_FAULT, detail, now(), config.finalReadingWindow());
            return terminated(l);
        });
    }

    /**
     * The provider's cumulative meter reading; an unchanged reading is accepted and publishes nothing. After the
     * lease ended, one more (final) reading is accepted within the final-reading window; {@code last} settles the
     * lease at once instead of at the end of the window.
     */
    @WithTransaction
    public Uni<Lease> reportUsage(UUID leaseId, String provider, long usedGpuSeconds, boolean last) {
        return lockedForProvider(leaseId, provider).chain(l -> {
            OffsetDateTime now = now();
            boolean changed = l.reportUsage(usedGpuSeconds, now);
            Uni<Lease> reported = changed
                    ? leases.flush().chain(() -> append(l, UsageReported.NAME, UsageReported.of(l)))
                    : Uni.createFrom().item(l);
            return last && l.awaitsFinalReading(now) ? reported.chain(() -> settled(l, now)) : reported;
        });
    }

    // --- the timers (LeaseTimers); each returns how many leases it moved ---

    @WithTransaction
    public Uni<Integer> expireUnanswered(OffsetDateTime now) {
        return each(leases.claimUnanswered(now.minus(config.activationTimeout()), config.timerBatchSize()), l -> {
            l.expire(now);
            return terminated(l);
        });
    }

    @WithTransaction
    public Uni<Integer> completeFinished(OffsetDateTime now) {
        return each(leases.claimEnded(now, config.timerBatchSize()), l -> {
            l.complete(TerminationReason.TERM_ENDED, now, config.finalReadingWindow());
            return terminated(l);
        });
    }

    @WithTransaction
    public Uni<Integer> failUnresponsive(OffsetDateTime now) {
        return each(leases.claimOnSilentOffers(now.minus(config.heartbeatTimeout()), config.timerBatchSize()), l -> {
            l.fail(TerminationReason.PROVIDER_UNRESPONSIVE, "no heartbeat for " + config.heartbeatTimeout(), now,
                    config.finalReadingWindow());
            return terminated(l);
        });
    }

    /** Leases whose final-reading window has passed: their amount is final, LeaseEnded goes out. */
    @WithTransaction
    public Uni<Integer> settleEnded(OffsetDateTime now) {
        return each(leases.claimUnsettled(now, config.timerBatchSize()), l -> settled(l, now));
    }

    private Uni<Integer> each(Uni<List<Lease>> claimed, Function<Lease, Uni<Lease>> step) {
        // One at a time: a reactive session does not run statements concurrently.
        return claimed.chain(list -> Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(l -> step.apply(l))
                .collect().asList().map(List::size));
    }

    // --- helpers ---

    /**
     * Frees the GPUs. A lease that never ran tells settlement to release the hold now; one that ran is settled
     * (LeaseEnded, the capture) after its final-reading window, or now when there is none.
     */
    private Uni<Lease> terminated(Lease l) {
        boolean ran = l.state() == LeaseState.COMPLETED || l.state() == LeaseState.FAILED;
        Uni<Lease> freed = leases.flush().chain(() -> offers.release(l.offerId(), l.gpus())).replaceWith(l);
        if (!ran) {
            return freed.chain(() -> append(l, LeaseCancelled.NAME, LeaseCancelled.of(l)));
        }
        OffsetDateTime at = l.endedAt();
        return l.awaitsFinalReading(at) ? freed : freed.chain(() -> settled(l, at));
    }

    private Uni<Lease> settled(Lease l, OffsetDateTime now) {
        l.settle(now);
        return leases.flush().chain(() -> append(l, LeaseEnded.NAME, LeaseEnded.of(l)));
    }

    private Uni<Lease> append(Lease l, String event, Object data) {
        return outbox.append(Tx.session(), LeaseEvents.AGGREGATE, l.id().toString(), event, data).replaceWith(l);
    }

    private Uni<Lease> lockedForEvent(UUID leaseId) {
        return leases.findById(leaseId, LockModeType.PESSIMISTIC_WRITE).map(l -> {
            if (l == null) {
                throw new MalformedEventException("no lease " + leaseId + " in this compute service");
            }
            return l;
        });
    }

    private Uni<Lease> lockedForRenter(UUID leaseId, String caller) {
        return lockedFor(leaseId, caller, true);
    }

    private Uni<Lease> lockedForProvider(UUID leaseId, String caller) {
        return lockedFor(leaseId, caller, false);
    }

    /** Strangers get 404 (a lease's existence is private); the other party gets 403. */
    private Uni<Lease> lockedFor(UUID leaseId, String caller, boolean renterAction) {
        return leases.findById(leaseId, LockModeType.PESSIMISTIC_WRITE).map(l -> {
            if (l == null || !(l.isRenter(caller) || l.isProvider(caller))) {
                throw ProblemException.notFound("Lease", leaseId);
            }
            if (renterAction ? !l.isRenter(caller) : !l.isProvider(caller)) {
                throw ProblemException.forbidden(renterAction ? "Only the renter may do this" : "Only the lease's provider may do this");
            }
            return l;
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
