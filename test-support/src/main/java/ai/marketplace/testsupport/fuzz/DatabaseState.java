package ai.marketplace.testsupport.fuzz;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A fingerprint of everything a service has stored: per table its row count and a digest of every row. Two equal
 * fingerprints mean nothing was written in between. Tables that background work appends to or marks (the outbox
 * relay marks rows published) can be compared by count only; tables written only by background work can be left
 * out.
 */
public final class DatabaseState {

    private DatabaseState() {
    }

    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    public static Supplier<java.util.Map<String, String>> of(ConnectionSource db, Set<String> countOnly,
            Set<String> ignored) {
        return () -> {
            try (Connection c = db.open(); var st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (var rs = st.executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
                        + " and table_type = 'BASE TABLE' and table_name not like 'flyway%' order by 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                var fingerprint = new TreeMap<String, String>();
                for (String t : tables) {
                    if (ignored.contains(t)) {
                        continue;
                    }
                    String sql = countOnly.contains(t) ? "select count(*)::text from \"" + t + "\""
                            : "select count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '')"
                                    + " from \"" + t + "\" x";
                    try (var rs = st.executeQuery(sql)) {
                        rs.next();
                        fingerprint.put(t, rs.getString(1));
                    }
                }
                return fingerprint;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database's state: " + e.getMessage(), e);
            }
        };
    }
}
