package ai.marketplace.catalog.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.platform.scheduling.TimerPass;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Expires orders that waited too long for settlement's answer. Every replica ticks; each due order is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and cancelled in the claiming transaction, so it expires once.
 */
@ApplicationScoped
public class OrderTimers {

    private static final Logger LOG = Logger.getLogger(OrderTimers.class);

    @Inject OrderService orders;

    @Scheduled(identity = "order-expiry", every = "${marketplace.catalog.order-expiry-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return TimerPass.guarded(LOG, "Order expiry pass", orders.expireUnanswered(OffsetDateTime.now(ZoneOffset.UTC))
                .invoke(TimerPass.counted(LOG, "%d order(s) expired without a payment answer")));
    }
}
