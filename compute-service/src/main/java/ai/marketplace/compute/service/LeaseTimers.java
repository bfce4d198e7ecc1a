package ai.marketplace.compute.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.platform.scheduling.TimerPass;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Activation timeout, end of term, heartbeat timeout and the end of the final-reading window. Every replica runs these passes; each due lease is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and becomes terminal in the claiming transaction, so it is handled
 * exactly once however many replicas tick together. A failed pass is simply retried by the next tick.
 */
@ApplicationScoped
public class LeaseTimers {

    private static final Logger LOG = Logger.getLogger(LeaseTimers.class);

    @Inject LeaseLifecycle lifecycle;

    @Scheduled(identity = "lease-timers", every = "${marketplace.compute.timer-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return TimerPass.guarded(LOG, "Lease timer pass", lifecycle.expireUnanswered(now)
                .invoke(TimerPass.counted(LOG, "%d lease(s) expired without a payment answer"))
                .chain(() -> lifecycle.completeFinished(now))
                .invoke(TimerPass.counted(LOG, "%d lease(s) completed at the end of their term"))
                .chain(() -> lifecycle.failUnresponsive(now))
                .invoke(TimerPass.counted(LOG, "%d lease(s) failed: provider unresponsive"))
                .chain(() -> lifecycle.settleEnded(now))
                .invoke(TimerPass.counted(LOG, "%d lease(s) settled after their final-reading window")));
    }
}
