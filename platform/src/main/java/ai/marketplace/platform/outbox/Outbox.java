package ai.marketplace.platform.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.EventsConfig;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/**
 * Appends an event to the outbox inside the caller's transaction. This is the only way services publish:
 * if the transaction rolls back, the event never existed.
 */
@ApplicationScoped
public class Outbox {

    @Inject EventsConfig config;
    @Inject ObjectMapper mapper;

    /**
     * @param tx            the transaction the state change runs in; the row commits or rolls back with it
     * @param aggregateType e.g. {@code Asset}
     * @param aggregateId   the Kafka key, so one aggregate's events stay ordered
     * @param eventName     {@code <Aggregate><PastTense>}, e.g. {@code AssetCreated}
     * @param data          a record serialised as the event's JSON data
     * @return the event id
     */
    public Uni<UUID> append(Tx tx, String aggregateType, String aggregateId, String eventName, Object data) {
        Row row;
        try {
            row = row(aggregateType, aggregateId, eventName, data);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return tx.query(INSERT_AND_NOTIFY, row.values()).replaceWith(row.id());
    }

    /** One outbox row: the whole CloudEvent as published, and what the relay routes it by. */
    private record Row(UUID id, String topic, String aggregateType, String aggregateId, String eventType, byte[] payload,
            String requestId, String traceparent) {
        Object[] values() {
            return new Object[] { id, topic, aggregateType, aggregateId, eventType, payload, requestId, traceparent };
        }
    }

    /**
     * One round trip: the row, and the relay's wake-up, which PostgreSQL delivers only if and when
     * the transaction commits. Parameters are cast so that a null request id or trace binds without a type.
     */
    private static String insertAndNotify() {
        String[] types = { "uuid", "text", "text", "text", "text", "bytea", "text", "text" };
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            values.append(i == 0 ? "" : ", ").append("cast($").append(i + 1).append(" as ").append(types[i]).append(')');
        }
        return """
                with row as (
                    insert into outbox (id, topic, aggregate_type, aggregate_id, event_type, payload, request_id, traceparent)
                    values (%s) returning seq)
                select cast(pg_notify('%s', '') as text) from row""".formatted(values, OutboxRelay.NOTIFY_CHANNEL);
    }

    private static final String INSERT_AND_NOTIFY = insertAndNotify();

    private Row row(String aggregateType, String aggregateId, String eventName, Object data) {
        String type = EventTypes.of(config.service(), eventName, 1);
        UUID id = UUID.randomUUID();
        String requestId = RequestIds.current();
        String traceparent = RequestIds.currentTraceparent();
        byte[] payload;
        try {
            payload = EventEnvelope.serialize(id.toString(), config.source(), type, aggregateType, aggregateId,
                    OffsetDateTime.now(ZoneOffset.UTC), mapper.writeValueAsBytes(data), traceparent, requestId);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
        return new Row(id, config.topicOf(eventName), aggregateType, aggregateId, type, payload, requestId, traceparent);
    }
}
