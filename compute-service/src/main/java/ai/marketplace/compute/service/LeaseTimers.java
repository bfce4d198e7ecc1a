package ai.marketplace.compute.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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

    private final LeaseLifecycle lifecycle;

    public LeaseTimers(LeaseLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(identity = "lease-timers", every = "${marketplace.compute.timer-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return lifecycle.expireUnanswered(now)
                .invoke(n -> log(n, "expired without a payment answer"))
                .chain(() -> lifecycle.completeFinished(now))
                .invoke(n -> log(n, "completed at the end of their term"))
                .chain(() -> lifecycle.failUnresponsive(now))
                .invoke(n -> log(n, "failed: provider unresponsive"))
                .chain(() -> lifecycle.settleEnded(now))
                .invoke(n -> log(n, "settled after their final-reading window"))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Lease timer pass failed, the next tick retries: %s", e.toString());
                    return null;
                });
    }

    private static void log(int n, String what) {
        if (n > 0) {
            LOG.infof("%d lease(s) %s", n, what);
        }
    }
}
