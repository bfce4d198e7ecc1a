package ai.marketplace.partner.repository;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.partner.domain.DisabledBy;
import ai.marketplace.partner.domain.Endpoint;
import ai.marketplace.partner.domain.EndpointState;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

@ApplicationScoped
public class EndpointRepository {

    static final String COLUMNS = """
            id, partner_id, url, description, event_types, state, disabled_by, disabled_reason, secret, previous_secret,
            previous_secret_until, consecutive_failures, version, created_at, updated_at""";

    public Uni<Void> insert(Tx tx, Endpoint e) {
        return Sql.update(tx, """
                insert into endpoint (id, partner_id, url, description, event_types, state, secret, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""", e.id(), e.partnerId(), e.url(), e.description(),
                e.eventTypes().toArray(String[]::new), e.state().name(), e.secret(), e.createdAt(), e.updatedAt()).replaceWithVoid();
    }

    public Uni<Endpoint> find(Tx tx, UUID id) {
        return Sql.first(tx, "select " + COLUMNS + " from endpoint where id = $1", EndpointRepository::endpoint, id);
    }

    /** Locks the row: changes to one endpoint (a partner's, an operator's, the dispatcher's disable) go one after another. */
    public Uni<Endpoint> lock(Tx tx, UUID id) {
        return Sql.first(tx, "select " + COLUMNS + " from endpoint where id = $1 for no key update", EndpointRepository::endpoint, id);
    }

    /** Writes what the domain changed; {@code e.version()} is the version it was read at. */
    public Uni<Boolean> save(Tx tx, Endpoint e) {
        return Sql.update(tx, """
                update endpoint set url = $3, description = $4, event_types = $5, state = $6, disabled_by = $7,
                    disabled_reason = $8, secret = $9, previous_secret = $10, previous_secret_until = $11,
                    consecutive_failures = $12, updated_at = $13, version = version + 1
                where id = $1 and version = $2""", e.id(), e.version(), e.url(), e.description(),
                e.eventTypes().toArray(String[]::new), e.state().name(), e.disabledBy() == null ? null : e.disabledBy().name(),
                e.disabledReason(), e.secret(), e.previousSecret(), e.previousSecretUntil(), e.consecutiveFailures(),
                e.updatedAt()).map(n -> n == 1);
    }

    public Uni<Boolean> delete(Tx tx, UUID id) {
        return Sql.update(tx, "delete from endpoint where id = $1", id).map(n -> n == 1);
    }

    /** A page newest first: one partner's endpoints, or everyone's for an operator ({@code partner} null). */
    public Uni<List<Endpoint>> page(Tx tx, String partner, TimeIdKey after, int fetchSize) {
        return partner == null
                ? Sql.newestFirst(tx, "select " + COLUMNS + " from endpoint where true", EndpointRepository::endpoint, after, fetchSize)
                : Sql.newestFirst(tx, "select " + COLUMNS + " from endpoint where partner_id = $1", EndpointRepository::endpoint,
                        after, fetchSize, partner);
    }

    /** A delivered attempt: the failure streak ends. */
    public Uni<Void> succeeded(Tx tx, UUID id) {
        return Sql.update(tx, "update endpoint set consecutive_failures = 0 where id = $1 and consecutive_failures <> 0", id)
                .replaceWithVoid();
    }

    /**
     * One more failed attempt in a row at {@code url}; the streak's length now. An attempt sent before the partner
     * moved the endpoint counts for nothing (0): otherwise it could disable the endpoint at the URL that was fixed.
     */
    public Uni<Integer> failed(Tx tx, UUID id, String url) {
        return Sql.first(tx, """
                update endpoint set consecutive_failures = consecutive_failures + 1 where id = $1 and url = $2
                returning consecutive_failures""", r -> r.getInteger("consecutive_failures"), id, url).map(n -> n == null ? 0 : n);
    }

    static Endpoint endpoint(Row r) {
        return new Endpoint(r.getUUID("id"), r.getString("partner_id"), r.getString("url"), r.getString("description"),
                Arrays.asList(r.getArrayOfStrings("event_types")), EndpointState.valueOf(r.getString("state")),
                r.getString("disabled_by") == null ? null : DisabledBy.valueOf(r.getString("disabled_by")),
                r.getString("disabled_reason"), r.getString("secret"), r.getString("previous_secret"),
                r.getOffsetDateTime("previous_secret_until"), r.getInteger("consecutive_failures"), r.getLong("version"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    static OffsetDateTime at(Row r, String column) {
        return r.getOffsetDateTime(column);
    }
}
