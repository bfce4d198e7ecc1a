package ai.marketplace.platform.tx;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.paging.TimeIdKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Typed rows for services whose data-access style is the reactive client ({@code sql-client}): statements run on the
 * transaction's connection and each row is read by column name into a record by the repository's mapper, so no
 * result is ever decoded by position.
 */
public final class Sql {

    private Sql() {
    }

    /** The connection of a reactive-client transaction; a session carrier here is a wiring mistake. */
    public static SqlConnection connection(Tx tx) {
        if (tx instanceof Tx.Connection c) {
            return c.connection();
        }
        throw new IllegalStateException("this repository runs on the reactive client: the service's "
                + "marketplace.data-access.style must be sql-client");
    }

    public static <T> Uni<List<T>> list(Tx tx, String sql, Function<Row, T> mapper, Object... params) {
        return connection(tx).preparedQuery(sql).execute(Tx.Connection.tuple(params)).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(mapper.apply(row));
            }
            return out;
        });
    }

    /** The first row mapped, or null when there is none. */
    public static <T> Uni<T> first(Tx tx, String sql, Function<Row, T> mapper, Object... params) {
        return list(tx, sql, mapper, params).map(rows -> rows.isEmpty() ? null : rows.getFirst());
    }

    /**
     * A page of rows newest first by {@code (created_at, id)}, after {@code after} (null: from the newest).
     * {@code query} is a select ending in its where clause, with {@code params} as {@code $1 … $n}.
     */
    public static <T> Uni<List<T>> newestFirst(Tx tx, String query, Function<Row, T> mapper, TimeIdKey after, int fetchSize,
            Object... params) {
        int n = params.length;
        List<Object> all = new ArrayList<>(List.of(params));
        all.add(fetchSize);
        String keyset = "";
        if (after != null) {
            keyset = " and (created_at < $" + (n + 2) + " or (created_at = $" + (n + 2) + " and id < $" + (n + 3) + "))";
            all.add(after.at());
            all.add(after.id());
        }
        return list(tx, query + keyset + " order by created_at desc, id desc limit $" + (n + 1), mapper, all.toArray());
    }

    /** A NUMERIC(78,0) column as an amount of base units, or null. */
    public static Amount amount(Row row, String column) {
        BigDecimal v = row.getBigDecimal(column);
        return v == null ? null : new Amount(v.toBigIntegerExact());
    }

    /** The number of rows the statement changed. */
    public static Uni<Integer> update(Tx tx, String sql, Object... params) {
        return tx.update(sql, params);
    }

    /**
     * Whether {@code t} is, or wraps, PostgreSQL's unique violation (23505): two requests raced for one value and
     * the constraint decided. Callers answer it as the conflict it is, never as a 500.
     */
    public static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
