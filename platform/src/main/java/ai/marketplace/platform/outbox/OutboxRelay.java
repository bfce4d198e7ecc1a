package ai.marketplace.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka and marks them, at least once.
 * <p>
 * Claiming uses {@code FOR UPDATE SKIP LOCKED}, so any number of replicas can relay at once without
 * publishing the same row concurrently. A row is held back while an earlier unpublished row of the same
 * aggregate is claimed by another replica, so one aggregate's events reach Kafka in commit order. Rows of one
 * pass are sent in order through an idempotent producer (acks=all), which keeps that order per partition.
 * <p>
 * If the process dies after Kafka acknowledged but before the mark commits, the rows are published again
 * on the next pass: consumers deduplicate by event id (see {@code Inbox}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CHANNEL = "outbox-relay";
    /** PostgreSQL NOTIFY channel: {@link Outbox} notifies in the writing transaction, so a wake-up means a commit. */
    public static final String NOTIFY_CHANNEL = "marketplace_outbox";

    private static final String CLAIM = """
            with claimed as (
                select seq, id, topic, aggregate_id, payload, request_id, traceparent
                from outbox
                where published_at is null
                order by seq
                limit $1
                for update skip locked
            )
            select c.* from claimed c
            where not exists (
                select 1 from outbox o
                where o.aggregate_id = c.aggregate_id and o.published_at is null and o.seq < c.seq
                  and o.seq not in (select seq from claimed))
            order by c.seq
            """;

    @Inject
    Pool pool;

    @Inject
    OutboxConfig config;

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private Counter published;
    private Counter failures;

    @Inject
    void metrics(MeterRegistry registry) {
        Gauge.builder("marketplace.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka").register(registry);
        Gauge.builder("marketplace.outbox.lag.seconds", oldestPendingMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row (outbox lag)").register(registry);
        published = Counter.builder("marketplace.outbox.published").description("Outbox rows published")
                .register(registry);
        failures = Counter.builder("marketplace.outbox.publish.failures")
                .description("Relay passes that failed and will be retried").register(registry);
    }

    /** Set once the application has started: the scheduler may tick before messaging is wired. */
    private static volatile boolean started;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    @Inject ai.marketplace.platform.tx.Notifications notifications;

    void listen(@Observes StartupEvent ev) {
        if (!config.relay().enabled()) {
            return;
        }
        started = true;
        notifications.listen(NOTIFY_CHANNEL, config.relay().interval().multipliedBy(10), this::wake).subscribe().with(ok -> wake(),
                e -> LOG.warnf("Outbox relay cannot LISTEN (%s); it polls every second instead", e.toString()));
    }

    /**
     * Safety net for lost notifications and for retries after a failed pass (the scheduler's floor is 1 s);
     * also refreshes the lag gauges, which would cost a query per commit if done after every drain.
     */
    @Scheduled(every = "1s", delayed = "1s", skipExecutionIf = RelayDisabled.class)
    void tick() {
        wake();
        refreshLag().subscribe().with(ok -> {
        }, e -> LOG.debugf("Outbox lag not refreshed: %s", e.toString()));
    }

    /** Coalesces wake-ups: at most one drain runs; a wake-up during a drain runs one more. */
    public void wake() {
        if (!started) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            runDrain();
        }
    }

    private void runDrain() {
        again.set(false);
        drain().subscribe().with(n -> {
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) {
                runDrain();
            }
        }, e -> {
            failures.increment();
            LOG.warnf("Outbox relay pass failed, rows stay unpublished and are retried: %s", e.toString());
            // No immediate retry: the next tick tries again, so a broker outage does not spin the loop.
            running.set(false);
        });
    }

    /** Publishes until the outbox has no full batch left. Returns how many rows were published. */
    public Uni<Integer> drain() {
        return publishBatch().chain(n -> n >= config.relay().batchSize()
                ? drain().map(more -> n + more)
                : Uni.createFrom().item(n));
    }

    /** One claim → publish → mark transaction. */
    public Uni<Integer> publishBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(config.relay().batchSize()))
                .chain(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return publishAll(claimed).chain(() -> mark(conn, claimed)).replaceWith(claimed.size());
                }))
                .invoke(n -> {
                    if (n > 0) {
                        published.increment(n);
                    }
                });
    }

    private Uni<Void> publishAll(List<Row> claimed) {
        // Sent in seq order without waiting in between; the idempotent producer keeps per-partition order.
        List<Uni<Void>> sends = new ArrayList<>(claimed.size());
        for (Row r : claimed) {
            RecordHeaders headers = new RecordHeaders();
            String requestId = r.getString("request_id");
            if (requestId != null) {
                headers.add(RequestIds.KAFKA_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            }
            String traceparent = r.getString("traceparent");
            if (traceparent != null) {
                headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            }
            headers.add("content-type", EventEnvelope.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            var metadata = OutgoingKafkaRecordMetadata.<String> builder()
                    .withTopic(r.getString("topic"))
                    .withKey(r.getString("aggregate_id"))
                    .withHeaders(headers)
                    .build();
            byte[] payload = r.getBuffer("payload").getBytes();
            sends.add(emitter.sendMessage(Message.of(payload).addMetadata(metadata)));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> mark(SqlConnection conn, List<Row> claimed) {
        UUID[] ids = claimed.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
        return conn.preparedQuery("update outbox set published_at = now(), attempts = attempts + 1 where id = any($1)")
                .execute(Tuple.of(ids)).replaceWithVoid();
    }

    private Uni<Void> refreshLag() {
        return pool.query("""
                select count(*) as n, coalesce(extract(epoch from now() - min(created_at)) * 1000, 0)::bigint as age_ms
                from outbox where published_at is null
                """).execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("n"));
                    oldestPendingMillis.set(row.getLong("age_ms"));
                })
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgePublished() {
        Duration retention = config.retention();
        return pool.preparedQuery("delete from outbox where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .invoke(rows -> LOG.debugf("Purged %d published outbox rows", rows.rowCount()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Outbox purge failed: %s", e.toString());
                    return null;
                });
    }


    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {
        @Inject
        OutboxConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !started || !config.relay().enabled();
        }
    }

}
