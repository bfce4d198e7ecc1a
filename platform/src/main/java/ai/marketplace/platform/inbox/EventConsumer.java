package ai.marketplace.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Runs a consumer's effect exactly once per event: parse the CloudEvent, open a transaction, claim the event
 * in the inbox, apply the effect, commit — and acknowledge the Kafka record only after the commit.
 * <p>
 * A record that can never be processed (not a CloudEvent, data of the wrong shape) is negatively acknowledged
 * so the channel's failure strategy (dead-letter queue) takes it; any other failure is also nacked, and the
 * record is redelivered after a restart because its offset was never committed.
 * <p>
 * A channel read in batches ({@code batch=true}, {@link #dispatchBatch}) commits a whole poll in one transaction:
 * one inbox claim for all its events, their effects in arrival order, and the batch is acknowledged after that
 * commit. When the batch fails for a reason that is not transient, its events are applied one by one as above,
 * so that only the one that cannot be applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject ObjectMapper mapper;
    @Inject MeterRegistry registry;
    @Inject Inbox inbox;
    @Inject Transactions transactions;

    /** What a consumer does with one event, inside the transaction ({@code tx}) that also claims it. */
    @FunctionalInterface
    public interface Handler {
        Uni<Void> apply(IncomingEvent event, Tx tx);
    }

    /**
     * What a batched consumer does with the events of one batch that it has not applied before, in their order of
     * arrival (per partition, so per aggregate), inside the one transaction that claims them all. Each event has a
     * handler; a batch handler exists so that their effects can be written set-wise, and must have the same effect
     * as applying the handlers one after the other.
     */
    @FunctionalInterface
    public interface BatchHandler {
        Uni<Void> apply(List<IncomingEvent> events, Tx tx);
    }

    /**
     * A channel's consumer: its inbox name and its handlers, kept so a dead-lettered record can be re-driven; a
     * consumer of every event of a topic (whatever their names) has one handler for all instead. {@code batch}, when
     * not null, applies a batch's events at once.
     */
    public record Route(String consumer, Map<String, Handler> handlers, Handler every, BatchHandler batch) {
        public Handler handler(String eventName) {
            return every != null ? every : handlers.get(eventName);
        }

        /** The batch handler, or the handlers one after the other in the batch's transaction. */
        BatchHandler batchHandler() {
            if (batch != null) {
                return batch;
            }
            return (events, tx) -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (IncomingEvent e : events) {
                    chain = chain.chain(() -> {
                        RequestIds.bind(e.requestId());
                        return handler(e.name()).apply(e, tx);
                    });
                }
                return chain;
            };
        }
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /**
     * Declares what the consumer of {@code channel} does; call it once, at startup, then {@link #dispatch} the
     * channel's records. {@link DeadLetters} re-drives a record of that channel's dead-letter topic through the same.
     */
    public void register(String channel, String consumer, Map<String, Handler> handlers) {
        routes.put(channel, new Route(consumer, Map.copyOf(handlers), null, null));
    }

    /** As {@link #register}, for a channel read in batches whose events {@code batch} applies together. */
    public void register(String channel, String consumer, Map<String, Handler> handlers, BatchHandler batch) {
        routes.put(channel, new Route(consumer, Map.copyOf(handlers), null, batch));
    }

    /** As {@link #register}, for a consumer that takes every event of the channel's topic through one handler. */
    public void registerEvery(String channel, String consumer, Handler handler) {
        routes.put(channel, new Route(consumer, Map.of(), handler, null));
    }

    Route route(String channel) {
        return routes.get(channel);
    }

    /** {@link #consume} with what was {@link #register registered} for {@code channel}. */
    public Uni<Void> dispatch(String channel, Message<byte[]> message) {
        Route route = registered(channel);
        return consume(route.consumer(), message, route);
    }

    /**
     * A batch of a channel read with {@code batch=true}: {@link #applyBatch}, then the batch is acknowledged (each
     * partition's offset moves past its last record).
     */
    public Uni<Void> dispatchBatch(String channel, KafkaRecordBatch<String, byte[]> batch) {
        return applyBatch(channel, batch.getRecords()).chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * Applies {@code records} (one poll, in order) in one transaction and negatively acknowledges those that cannot
     * be applied (dead-letter topic); the caller acknowledges the batch once this completes, never before.
     */
    public Uni<Void> applyBatch(String channel, List<? extends Message<byte[]>> records) {
        Route route = registered(channel);
        String consumer = route.consumer();
        List<Accepted> accepted = new ArrayList<>(records.size());
        Uni<Void> refusals = Uni.createFrom().voidItem();
        for (Message<byte[]> message : records) {
            Prepared p = prepare(consumer, message, route);
            if (p instanceof Refused r) {
                refusals = refusals.chain(() -> Uni.createFrom().completionStage(message.nack(r.reason())));
            } else if (p instanceof Accepted a) {
                accepted.add(a);
            }
        }
        if (accepted.isEmpty()) {
            return refusals;
        }
        List<IncomingEvent> events = accepted.stream().map(Accepted::event).toList();
        batchSize(consumer).record(events.size());
        return refusals.chain(() -> Uni.createFrom().deferred(() -> transactions.run(tx -> inbox.claimAll(tx, consumer, events)
                        .chain(claimed -> {
                            List<IncomingEvent> fresh = firstClaims(events, claimed);
                            return route.batchHandler().apply(fresh, tx).replaceWith(fresh.size());
                        })))
                .onFailure(Transience::isTransient).invoke(e -> LOG.warnf(
                        "Consumer %s cannot apply a batch of %d events yet (%s); retrying", consumer, events.size(), e.toString()))
                .onFailure(Transience::isTransient).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .invoke(applied -> {
                    registry.counter("marketplace.inbox.events", "consumer", consumer, "outcome", "applied").increment(applied);
                    registry.counter("marketplace.inbox.events", "consumer", consumer, "outcome", "duplicate")
                            .increment(events.size() - applied);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Consumer %s could not apply a batch of %d events (%s); applying them one by one so that only "
                            + "what cannot be applied is dead-lettered", consumer, events.size(), e.toString());
                    registry.counter("marketplace.inbox.batch.fallbacks", "consumer", consumer).increment();
                    Uni<Void> oneByOne = Uni.createFrom().voidItem();
                    for (Accepted a : accepted) {
                        oneByOne = oneByOne.chain(() -> applyOne(consumer, a)
                                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(a.message().nack(failure))));
                    }
                    return oneByOne;
                }));
    }

    /** The events the inbox claimed just now, each once, in their order. */
    static List<IncomingEvent> firstClaims(List<IncomingEvent> events, Set<String> claimed) {
        List<IncomingEvent> fresh = new ArrayList<>(claimed.size());
        for (IncomingEvent e : events) {
            if (claimed.remove(e.id())) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    private DistributionSummary batchSize(String consumer) {
        return DistributionSummary.builder("marketplace.inbox.batch.events").description("Events a consumer applied in one transaction")
                .tag("consumer", consumer).register(registry);
    }

    private Route registered(String channel) {
        Route route = routes.get(channel);
        if (route == null) {
            throw new IllegalStateException("no consumer registered for channel " + channel);
        }
        return route;
    }

    /** The version of the event types the handlers are written for. */
    public static final int HANDLED_VERSION = 1;

    /**
     * Dispatches by event name ({@code AssetCreated}); events this consumer has no handler for are acknowledged
     * without touching the database. An event a handler exists for is refused (dead-letter topic) when its type
     * names another version than the handlers read, or another service than the one whose topic it came on: a
     * {@code .v2} is never read with the v1 shape, and no service's event passes for another's. The transaction
     * opens in the service's data-access style.
     */
    public Uni<Void> consume(String consumer, Message<byte[]> message, Map<String, Handler> handlers) {
        return consume(consumer, message, new Route(consumer, handlers, null, null));
    }

    private Uni<Void> consume(String consumer, Message<byte[]> message, Route route) {
        Prepared p = prepare(consumer, message, route);
        if (p instanceof Refused r) {
            return Uni.createFrom().completionStage(message.nack(r.reason()));
        }
        if (!(p instanceof Accepted a)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return applyOne(consumer, a)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    /** What a record is to a consumer: an event to apply, one to refuse (dead-letter topic), or one it ignores. */
    private sealed interface Prepared permits Accepted, Refused, Ignored {
    }

    private record Accepted(Message<byte[]> message, IncomingEvent event, Handler handler) implements Prepared {
    }

    private record Refused(Throwable reason) implements Prepared {
    }

    private record Ignored() implements Prepared {
    }

    private Prepared prepare(String consumer, Message<byte[]> message, Route route) {
        IncomingEvent event;
        try {
            event = EventEnvelope.parse(message.getPayload(), mapper);
        } catch (MalformedEventException e) {
            LOG.errorf("Consumer %s rejects a malformed record (%s): %s", consumer, where(message), e.getMessage());
            registry.counter("marketplace.inbox.rejected", "consumer", consumer).increment();
            return new Refused(e);
        }
        Handler handler = route.handler(event.name());
        if (handler == null) {
            return new Ignored();
        }
        String refusal = refusal(event, message);
        if (refusal != null) {
            LOG.errorf("Consumer %s refuses event %s (%s): %s", consumer, event.id(), event.type(), refusal);
            registry.counter("marketplace.inbox.rejected", "consumer", consumer).increment();
            return new Refused(new MalformedEventException(refusal));
        }
        return new Accepted(message, event, handler);
    }

    /** One event in its own transaction with its inbox claim; fails (after retries) when it cannot be applied. */
    private Uni<Void> applyOne(String consumer, Accepted accepted) {
        IncomingEvent event = accepted.event();
        Message<byte[]> message = accepted.message();
        String requestId = event.requestId() != null ? event.requestId() : header(message, RequestIds.KAFKA_HEADER);
        RequestIds.bind(requestId);
        MDC.put("eventId", event.id());
        return Uni.createFrom().deferred(() -> transactions.run(tx -> inbox.claim(tx, consumer, event)
                        .chain(first -> first
                                ? accepted.handler().apply(event, tx).replaceWith(Boolean.TRUE)
                                : Uni.createFrom().item(Boolean.FALSE))))
                // The database or network is away: wait for it, holding the partition so order is kept.
                .onFailure(Transience::isTransient).invoke(e -> LOG.warnf(
                        "Consumer %s cannot apply event %s yet (%s); retrying", consumer, event.id(), e.toString()))
                .onFailure(Transience::isTransient).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                // Anything else may be a race worth one more try, then the record goes to the dead-letter topic.
                .onFailure(e -> !(e instanceof MalformedEventException)).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(2)
                .invoke(applied -> {
                    registry.counter("marketplace.inbox.events", "consumer", consumer,
                            "outcome", applied ? "applied" : "duplicate").increment();
                    if (!applied) {
                        LOG.debugf("Consumer %s skips redelivered event %s (%s)", consumer, event.id(), event.type());
                    }
                })
                .onFailure().invoke(e -> {
                    LOG.errorf(e, "Consumer %s failed on event %s (%s)", consumer, event.id(), event.type());
                    registry.counter("marketplace.inbox.failures", "consumer", consumer).increment();
                })
                .replaceWithVoid()
                .eventually(() -> MDC.remove("eventId"));
    }

    /** Why an event a handler exists for must not reach it, or null. */
    static String refusal(IncomingEvent event, Message<byte[]> message) {
        return refusal(event, message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getTopic()).orElse(null));
    }

    /** The same, for an event read from {@code topic} (null: unknown). */
    static String refusal(IncomingEvent event, String topic) {
        int version = EventTypes.versionOf(event.type());
        if (version != HANDLED_VERSION) {
            return "version v" + version + " of " + event.name() + " is not one this consumer reads (v" + HANDLED_VERSION + ")";
        }
        String topicService = topicService(topic);
        String service = EventTypes.serviceOf(event.type());
        if (topicService != null && !topicService.equals(service)) {
            return "an event of " + service + " on " + topicService + "'s topic";
        }
        return null;
    }

    /** {@code marketplace.<service>.v1} → {@code <service>}; null for a topic of another shape. */
    static String topicService(String topic) {
        String[] parts = topic == null ? new String[0] : topic.split("\\.");
        return parts.length == 3 && parts[0].equals("marketplace") ? parts[1] : null;
    }

    private static String header(Message<byte[]> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(name))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    private static String where(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "/" + m.getPartition() + "@" + m.getOffset())
                .orElse("unknown position");
    }
}
