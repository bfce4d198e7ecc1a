package ai.marketplace.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Runs a consumer's effect exactly once per event: parse the CloudEvent, open a transaction, claim the event
 * in the inbox, apply the effect, commit — and acknowledge the Kafka record only after the commit.
 * <p>
 * A record that can never be processed (not a CloudEvent, data of the wrong shape) is negatively acknowledged
 * so the channel's failure strategy (dead-letter queue) takes it; any other failure is also nacked, and the
 * record is redelivered after a restart because its offset was never committed.
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
     * A channel's consumer: its inbox name and its handlers, kept so a dead-lettered record can be re-driven; a
     * consumer of every event of a topic (whatever their names) has one handler for all instead.
     */
    public record Route(String consumer, Map<String, Handler> handlers, Handler every) {
        public Handler handler(String eventName) {
            return every != null ? every : handlers.get(eventName);
        }
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /**
     * Declares what the consumer of {@code channel} does; call it once, at startup, then {@link #dispatch} the
     * channel's records. {@link DeadLetters} re-drives a record of that channel's dead-letter topic through the same.
     */
    public void register(String channel, String consumer, Map<String, Handler> handlers) {
        routes.put(channel, new Route(consumer, Map.copyOf(handlers), null));
    }

    /** As {@link #register}, for a consumer that takes every event of the channel's topic through one handler. */
    public void registerEvery(String channel, String consumer, Handler handler) {
        routes.put(channel, new Route(consumer, Map.of(), handler));
    }

    Route route(String channel) {
        return routes.get(channel);
    }

    /** {@link #consume} with what was {@link #register registered} for {@code channel}. */
    public Uni<Void> dispatch(String channel, Message<byte[]> message) {
        Route route = routes.get(channel);
        if (route == null) {
            throw new IllegalStateException("no consumer registered for channel " + channel);
        }
        return consume(route.consumer(), message, route);
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
        return consume(consumer, message, new Route(consumer, handlers, null));
    }

    private Uni<Void> consume(String consumer, Message<byte[]> message, Route route) {
        IncomingEvent event;
        try {
            event = EventEnvelope.parse(message.getPayload(), mapper);
        } catch (MalformedEventException e) {
            LOG.errorf("Consumer %s rejects a malformed record (%s): %s", consumer, where(message), e.getMessage());
            registry.counter("marketplace.inbox.rejected", "consumer", consumer).increment();
            return Uni.createFrom().completionStage(message.nack(e));
        }
        Handler handler = route.handler(event.name());
        if (handler == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        String refusal = refusal(event, message);
        if (refusal != null) {
            LOG.errorf("Consumer %s refuses event %s (%s): %s", consumer, event.id(), event.type(), refusal);
            registry.counter("marketplace.inbox.rejected", "consumer", consumer).increment();
            return Uni.createFrom().completionStage(message.nack(new MalformedEventException(refusal)));
        }
        String requestId = event.requestId() != null ? event.requestId() : header(message, RequestIds.KAFKA_HEADER);
        RequestIds.bind(requestId);
        MDC.put("eventId", event.id());
        return Uni.createFrom().deferred(() -> transactions.run(tx -> inbox.claim(tx, consumer, event)
                        .chain(first -> first
                                ? handler.apply(event, tx).replaceWith(Boolean.TRUE)
                                : Uni.createFrom().item(Boolean.FALSE))))
                // The database or network is away: wait for it, holding the partition so order is kept.
                .onFailure(Transience::isTransient).invoke(e -> LOG.warnf(
                        "Consumer %s cannot apply event %s yet (%s); retrying", consumer, event.id(), e.toString()))
                .onFailure(Transience::isTransient).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                // Anything else may be a race worth one more try, then the record goes to the dead-letter topic.
                .onFailure(e -> !(e instanceof MalformedEventException)).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(2)
                .chain(applied -> {
                    registry.counter("marketplace.inbox.events", "consumer", consumer,
                            "outcome", applied ? "applied" : "duplicate").increment();
                    if (!applied) {
                        LOG.debugf("Consumer %s skips redelivered event %s (%s)", consumer, event.id(), event.type());
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "Consumer %s failed on event %s (%s)", consumer, event.id(), event.type());
                    registry.counter("marketplace.inbox.failures", "consumer", consumer).increment();
                    return Uni.createFrom().completionStage(message.nack(e));
                })
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
