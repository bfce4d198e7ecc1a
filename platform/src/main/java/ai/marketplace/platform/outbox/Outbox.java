package ai.marketplace.platform.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.EventsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends an event to the outbox inside the caller's transaction. This is the only way services publish:
 * if the transaction rolls back, the event never existed.
 */
@ApplicationScoped
public class Outbox {

    private final EventsConfig config;
    private final ObjectMapper mapper;

    public Outbox(EventsConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * @param aggregateType e.g. {@code Asset}
     * @param aggregateId   the Kafka key, so one aggregate's events stay ordered
     * @param eventName     {@code <Aggregate><PastTense>}, e.g. {@code AssetCreated}
     * @param data          a record serialised as the event's JSON data
     * @return the event id
     */
    public Uni<UUID> append(String aggregateType, String aggregateId, String eventName, Object data) {
        String type = EventTypes.of(config.service(), eventName, 1);
        UUID id = UUID.randomUUID();
        String requestId = RequestIds.current();
        String traceparent = RequestIds.currentTraceparent();
        byte[] payload;
        try {
            payload = EventEnvelope.serialize(id.toString(), config.source(), type, aggregateType, aggregateId,
                    OffsetDateTime.now(ZoneOffset.UTC), mapper.writeValueAsBytes(data), traceparent, requestId);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data is not serialisable", e));
        }
        var row = new OutboxRecord();
        row.id = id;
        row.topic = config.topic();
        row.aggregateType = aggregateType;
        row.aggregateId = aggregateId;
        row.eventType = type;
        row.payload = payload;
        row.requestId = requestId;
        row.traceparent = traceparent;
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.append needs an open transaction: the state change and its event must commit together"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.persist(row)
                        // Delivered by PostgreSQL only if and when the transaction commits: wakes the relay.
                        .chain(() -> session.createNativeQuery("select pg_notify('" + OutboxRelay.NOTIFY_CHANNEL + "', '')")
                                .getSingleResult()))
                .replaceWith(id);
    }
}
