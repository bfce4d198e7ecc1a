package ai.marketplace.catalog.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Expires orders that waited too long for settlement's answer. Every replica ticks; each due order is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and cancelled in the claiming transaction, so it expires once.
 */
@ApplicationScoped
public class OrderTimers {

    private static final Logger LOG = Logger.getLogger(OrderTimers.class);

    private final OrderService orders;

    public OrderTimers(OrderService orders) {
        this.orders = orders;
    }

    @Scheduled(identity = "order-expiry", every = "${marketplace.catalog.order-expiry-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return orders.expireUnanswered(OffsetDateTime.now(ZoneOffset.UTC))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d order(s) expired without a payment answer", n);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Order expiry pass failed, the next tick retries: %s", e.toString());
                    return null;
                });
    }
}
