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
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

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
        OutboxRecord row;
        try {
            row = row(aggregateType, aggregateId, eventName, data);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.append needs an open transaction: the state change and its event must commit together"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.persist(row)
                        // Delivered by PostgreSQL only if and when the transaction commits: wakes the relay.
                        .chain(() -> session.createNativeQuery("select pg_notify('" + OutboxRelay.NOTIFY_CHANNEL + "', '')")
                                .getSingleResult()))
                .replaceWith(row.id);
    }

    /**
     * The same on a connection of the reactive client whose transaction the caller opened ({@code Pool#withTransaction}):
     * for hot paths that run without an ORM session. One round trip: the row and the relay's wake-up together.
     */
    public Uni<UUID> append(SqlConnection transaction, String aggregateType, String aggregateId, String eventName,
            Object data) {
        OutboxRecord row;
        try {
            row = row(aggregateType, aggregateId, eventName, data);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return transaction.preparedQuery(INSERT_AND_NOTIFY)
                .execute(Tuple.from(new Object[] { row.id, row.topic, row.aggregateType, row.aggregateId, row.eventType,
                        Buffer.buffer(row.payload), row.requestId, row.traceparent }))
                .replaceWith(row.id);
    }

    private static final String INSERT_AND_NOTIFY = """
            with row as (
                insert into outbox (id, topic, aggregate_type, aggregate_id, event_type, payload, request_id, traceparent)
                values ($1, $2, $3, $4, $5, $6, $7, $8) returning seq)
            select pg_notify('%s', '') from row""".formatted(OutboxRelay.NOTIFY_CHANNEL);

    private OutboxRecord row(String aggregateType, String aggregateId, String eventName, Object data) {
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
        var row = new OutboxRecord();
        row.id = id;
        row.topic = config.topic();
        row.aggregateType = aggregateType;
        row.aggregateId = aggregateId;
        row.eventType = type;
        row.payload = payload;
        row.requestId = requestId;
        row.traceparent = traceparent;
        return row;
    }
}
