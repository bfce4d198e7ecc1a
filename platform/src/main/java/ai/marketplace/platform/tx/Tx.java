package ai.marketplace.platform.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one transaction carrier: the open database transaction a state change, its inbox claim and its outbox rows
 * commit in. A service reaches PostgreSQL either through its Hibernate Reactive session ({@link #session()}) or
 * through a connection of the reactive client ({@link #of(SqlConnection)}); the platform's outbox, inbox and a
 * service's stored-function calls run on either through this interface, so each exists once.
 * <p>
 * Statements are written once, with PostgreSQL's {@code $1 … $n} placeholders. Queries select their columns as
 * text, which both drivers return alike; callers decode them into typed records through {@link TextRow}.
 */
public sealed interface Tx permits Tx.Session, Tx.Connection {

    /** Runs a statement that returns no rows; the number of rows it changed. */
    Uni<Integer> update(String sql, Object... params);

    /** Runs a statement whose columns are all text (cast them); its rows. */
    Uni<List<TextRow>> query(String sql, Object... params);

    /** Runs a statement expected to return exactly one row of text columns. */
    default Uni<TextRow> single(String sql, Object... params) {
        return query(sql, params).map(rows -> {
            if (rows.size() != 1) {
                throw new IllegalStateException("expected one row, got " + rows.size() + " from: " + sql);
            }
            return rows.getFirst();
        });
    }

    /**
     * The Hibernate Reactive session of the current Vert.x context, inside the transaction that
     * {@code @WithTransaction} or {@code Panache.withTransaction} opened; using it outside one fails.
     */
    static Tx session() {
        return Session.INSTANCE;
    }

    /** A connection of the reactive client on which the caller opened a transaction ({@code Pool#withTransaction}). */
    static Tx of(SqlConnection connection) {
        return new Connection(connection);
    }

    /** One result row, every column as text or null. */
    record TextRow(List<String> columns) {
        public String text(int column) {
            return columns.get(column);
        }

        public UUID uuid(int column) {
            String v = columns.get(column);
            return v == null ? null : UUID.fromString(v);
        }

        public BigInteger integer(int column) {
            String v = columns.get(column);
            return v == null ? null : new BigInteger(v);
        }
    }

    /** @see Tx#session() */
    final class Session implements Tx {
        private static final Session INSTANCE = new Session();
        private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

        private Session() {
        }

        @Override
        public Uni<Integer> update(String sql, Object... params) {
            return open().chain(s -> bind(s.<Object>createNativeQuery(hibernate(sql)), params).executeUpdate());
        }

        @Override
        public Uni<List<TextRow>> query(String sql, Object... params) {
            return open().chain(s -> bind(s.<Object>createNativeQuery(hibernate(sql)), params).getResultList())
                    .map(rows -> {
                        List<TextRow> out = new ArrayList<>(rows.size());
                        for (Object r : rows) {
                            Object[] cols = r instanceof Object[] a ? a : new Object[] { r };
                            List<String> text = new ArrayList<>(cols.length);
                            for (Object c : cols) {
                                text.add(c == null ? null : c.toString());
                            }
                            out.add(new TextRow(text));
                        }
                        return out;
                    });
        }

        private static Uni<Mutiny.Session> open() {
            return Panache.currentTransaction()
                    .onItem().ifNull().failWith(() -> new IllegalStateException(
                            "this needs an open transaction: the state change and its rows must commit together"))
                    .chain(tx -> Panache.getSession());
        }

        private static Mutiny.Query<Object> bind(Mutiny.Query<Object> query, Object[] params) {
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query;
        }

        /** Hibernate's native queries number their parameters {@code ?n}. */
        static String hibernate(String sql) {
            return PLACEHOLDER.matcher(sql).replaceAll("?$1");
        }
    }

    /** @see Tx#of(SqlConnection) */
    record Connection(SqlConnection connection) implements Tx {
        @Override
        public Uni<Integer> update(String sql, Object... params) {
            return connection.preparedQuery(sql).execute(tuple(params)).map(rows -> rows.rowCount());
        }

        @Override
        public Uni<List<TextRow>> query(String sql, Object... params) {
            return connection.preparedQuery(sql).execute(tuple(params)).map(rows -> {
                List<TextRow> out = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    List<String> text = new ArrayList<>(row.size());
                    for (int i = 0; i < row.size(); i++) {
                        Object v = row.getValue(i);
                        text.add(v == null ? null : v.toString());
                    }
                    out.add(new TextRow(text));
                }
                return out;
            });
        }

        /** The reactive client binds bytea (and bytea[]) from Buffers, not byte arrays. */
        static Tuple tuple(Object[] params) {
            Object[] values = params.clone();
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof byte[] bytes) {
                    values[i] = Buffer.buffer(bytes);
                } else if (values[i] instanceof byte[][] many) {
                    Buffer[] buffers = new Buffer[many.length];
                    for (int j = 0; j < many.length; j++) {
                        buffers[j] = many[j] == null ? null : Buffer.buffer(many[j]);
                    }
                    values[i] = buffers;
                }
            }
            return Tuple.from(values);
        }
    }
}
