package ai.marketplace.partner.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.partner.domain.AttemptOutcome;
import ai.marketplace.partner.domain.DeliveryAttempt;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/** The delivery log. */
@ApplicationScoped
public class AttemptRepository {

    static final String COLUMNS = """
            id, endpoint_id, event_id, event_type, attempt, created_at, latency_ms, status_code, error, response_excerpt,
            outcome, next_attempt_at""";

    public Uni<Void> record(Tx tx, DeliveryAttempt a) {
        return Sql.update(tx, "insert into delivery_attempt (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                a.id(), a.endpointId(), a.eventId(), a.eventType(), a.attempt(), a.createdAt(), a.latencyMs(), a.statusCode(),
                a.error(), a.responseExcerpt(), a.outcome().name(), a.nextAttemptAt()).replaceWithVoid();
    }

    public Uni<List<DeliveryAttempt>> page(Tx tx, UUID endpoint, TimeIdKey after, int fetchSize) {
        return Sql.newestFirst(tx, "select " + COLUMNS + " from delivery_attempt where endpoint_id = $1",
                r -> new DeliveryAttempt(r.getUUID("id"), r.getUUID("endpoint_id"), r.getString("event_id"), r.getString("event_type"),
                        r.getInteger("attempt"), r.getOffsetDateTime("created_at"), r.getInteger("latency_ms"),
                        r.getInteger("status_code"), r.getString("error"), r.getString("response_excerpt"),
                        AttemptOutcome.valueOf(r.getString("outcome")), r.getOffsetDateTime("next_attempt_at")),
                after, fetchSize, endpoint);
    }
}
