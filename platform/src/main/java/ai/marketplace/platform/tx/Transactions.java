package ai.marketplace.platform.tx;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Opens a transaction in the service's data-access style ({@link DataAccessConfig}) and hands the work its
 * carrier. The consumers' inbox transactions open here, so a service's events and its requests reach the database
 * the same way.
 */
@ApplicationScoped
public class Transactions {

    @Inject DataAccessConfig config;
    @Inject Pool pool;

    /** Runs {@code work} in a new transaction that commits when its Uni succeeds and rolls back when it fails. */
    /**
     * Runs read-only {@code work}. On the reactive client that is one connection without {@code BEGIN}/{@code COMMIT}
     * (two round trips a read does not need); each statement sees its own snapshot, so a read that must see several
     * tables at one instant runs them as one statement. In the ORM style it is a transaction like {@link #run}.
     */
    public <T> Uni<T> read(Function<Tx, Uni<T>> work) {
        return switch (config.style()) {
            case ORM_SESSION -> run(work);
            case SQL_CLIENT -> pool.withConnection(connection -> work.apply(Tx.of(connection)));
        };
    }

    public <T> Uni<T> run(Function<Tx, Uni<T>> work) {
        return switch (config.style()) {
            case ORM_SESSION -> Panache.withTransaction(() -> work.apply(Tx.session()));
            case SQL_CLIENT -> pool.withTransaction(connection -> work.apply(Tx.of(connection)));
        };
    }

    /**
     * As {@link #run}, run again (up to three times in all) when PostgreSQL ends the transaction as a deadlock or a
     * serialization failure: nothing of it committed, so the work starts over on fresh reads. For work whose only
     * effects are in the transaction (no call to another system inside it), where two writers of the same rows in
     * different orders would otherwise answer a caller with a 500.
     */
    public <T> Uni<T> runRetryingConflicts(Function<Tx, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> run(work)).onFailure(Transactions::isConflict).retry().atMost(2);
    }

    /** SQLSTATE class 40: serialization failure, deadlock. */
    static boolean isConflict(Throwable t) {
        return t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("40");
    }
}
