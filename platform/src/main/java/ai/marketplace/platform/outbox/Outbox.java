package ai.marketplace.platform.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.EventsConfig;
import ai.marketplace.platform.events.IncomingEvent;
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

    /**
     * An event to append. {@code cause} is the incoming event it answers, or null for the current request: a consumer
     * applying a batch has no per-event request context, so each event carries its cause's request id and trace on.
     */
    public record Draft(String aggregateType, String aggregateId, String eventName, Object data, IncomingEvent cause) {
    }

    /**
     * Appends {@code drafts} in their order, inside {@code tx}: on the reactive client one statement for all of them
     * (a consumer's batch commits its events together), in the ORM session one statement each.
     */
    public Uni<Void> appendAll(Tx tx, List<Draft> drafts) {
        List<Row> rows = new ArrayList<>(drafts.size());
        try {
            for (Draft d : drafts) {
                rows.add(row(d.aggregateType(), d.aggregateId(), d.eventName(), d.data(), d.cause()));
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (rows.size() == 1 || !(tx instanceof Tx.Connection)) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row row : rows) {
                chain = chain.chain(() -> tx.query(INSERT_AND_NOTIFY, row.values()).replaceWithVoid());
            }
            return chain;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[][] text = new String[6][n];
        byte[][] payloads = new byte[n][];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            ids[i] = r.id();
            text[0][i] = r.topic();
            text[1][i] = r.aggregateType();
            text[2][i] = r.aggregateId();
            text[3][i] = r.eventType();
            text[4][i] = r.requestId();
            text[5][i] = r.traceparent();
            payloads[i] = r.payload();
        }
        return tx.query(INSERT_ALL_AND_NOTIFY, ids, text[0], text[1], text[2], text[3], payloads, text[4], text[5])
                .replaceWithVoid();
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

    /**
     * Many rows in one statement, one array per column. Rows go in in the arrays' order, so their seq (the
     * relay's publishing order) is the order the events were appended in; one wake-up for all of them.
     */
    private static final String INSERT_ALL_AND_NOTIFY = """
            with rows as (
                insert into outbox (id, topic, aggregate_type, aggregate_id, event_type, payload, request_id, traceparent)
                select r.id, r.topic, r.aggregate_type, r.aggregate_id, r.event_type, r.payload, r.request_id, r.traceparent
                from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]), cast($5 as text[]),
                            cast($6 as bytea[]), cast($7 as text[]), cast($8 as text[])) with ordinality
                     as r(id, topic, aggregate_type, aggregate_id, event_type, payload, request_id, traceparent, ord)
                order by r.ord
                returning seq)
            select cast(pg_notify('%s', '') as text) from (select 1 from rows limit 1) one""".formatted(OutboxRelay.NOTIFY_CHANNEL);

    private Row row(String aggregateType, String aggregateId, String eventName, Object data) {
        return row(aggregateType, aggregateId, eventName, data, null);
    }

    private Row row(String aggregateType, String aggregateId, String eventName, Object data, IncomingEvent cause) {
        String type = EventTypes.of(config.service(), eventName, 1);
        UUID id = UUID.randomUUID();
        String requestId = cause != null && cause.requestId() != null ? cause.requestId() : RequestIds.current();
        String traceparent = cause != null && cause.traceparent() != null ? cause.traceparent() : RequestIds.currentTraceparent();
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
