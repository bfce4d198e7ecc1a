package ai.marketplace.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server from zonky's binaries (no Docker, no system install). As root, zonky runs
 * initdb through {@code unshare -U} by itself.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private int port;
    private final Path dataDir;
    private final boolean ephemeral;
    private EmbeddedPostgres pg;

    private EmbeddedPostgresServer(int port, Path dataDir, boolean ephemeral) {
        this.port = port;
        this.dataDir = dataDir;
        this.ephemeral = ephemeral;
    }

    /** System property: a throw-away server with fsync and synchronous_commit on, as in production. */
    public static final String DURABLE_PROPERTY = "marketplace.test.postgres.durable";

    /** A server on a free port with a throw-away data directory (kept across {@link #restart()}). */
    public static EmbeddedPostgresServer startEphemeral() {
        try {
            var s = new EmbeddedPostgresServer(0, java.nio.file.Files.createTempDirectory("marketplace-pg-"), true);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose data survives restarts (the local stack). */
    public static EmbeddedPostgresServer startPersistent(int port, Path dataDir) {
        var s = new EmbeddedPostgresServer(port, dataDir, false);
        s.start();
        return s;
    }

    public synchronized void start() {
        if (pg != null) {
            return;
        }
        try {
            // Tests trade durability for speed; the local stack keeps its data safe. A benchmark measuring with
            // production durability sets -Dmarketplace.test.postgres.durable=true (both sides of its ratios then
            // run on a server that flushes every commit).
            boolean fast = ephemeral && !Boolean.getBoolean(DURABLE_PROPERTY);
            var b = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", fast ? "off" : "on")
                    .setServerConfig("synchronous_commit", fast ? "off" : "on")
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false);
            if (port > 0) {
                b.setPort(port);
            }
            pg = b.start();
            port = pg.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** Stops the server; {@link #restart()} brings it back on the same port with the same data. */
    public synchronized void stop() {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pg = null;
        }
    }

    /** Same port, same data: what a database restart or a network blip looks like to a service. */
    public synchronized void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        return pg != null;
    }

    public int port() {
        return pg != null ? pg.getPort() : port;
    }

    public void createDatabaseIfMissing(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                st.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database (if present) and creates it empty. */
    public void recreateDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not recreate database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Quarkus datasource properties for one database on this server. */
    public Map<String, String> quarkusConfig(String database) {
        String hostDb = "127.0.0.1:" + port() + "/" + database;
        Map<String, String> m = new HashMap<>();
        m.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostDb);
        m.put("quarkus.datasource.reactive.url", "postgresql://" + hostDb);
        m.put("quarkus.datasource.username", USER);
        m.put("quarkus.datasource.password", PASSWORD);
        return m;
    }

    @Override
    public void close() {
        stop();
        if (ephemeral) {
            try (var files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }
}
