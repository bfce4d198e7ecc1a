package ai.marketplace.testsupport;

import java.util.Map;

import ai.marketplace.testsupport.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real PostgreSQL for a Quarkus test run. Use with {@code @QuarkusTestResource(PostgresResource.class)};
 * the database name defaults to {@code app} and can be set with the {@code database} init arg.
 * {@link #server()} lets a test stop and restart the database (outage tests).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedPostgresServer current;
    private static volatile String currentDatabase;
    private EmbeddedPostgresServer server;
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "app");
    }

    @Override
    public Map<String, String> start() {
        server = EmbeddedPostgresServer.startEphemeral();
        server.createDatabaseIfMissing(database);
        current = server;
        currentDatabase = database;
        return server.quarkusConfig(database);
    }

    public static EmbeddedPostgresServer server() {
        if (current == null) {
            throw new IllegalStateException("PostgresResource is not started");
        }
        return current;
    }

    /** A plain JDBC connection to the test database, for arranging faults and checking rows directly. */
    /** The database the running test's service uses. */
    public static String database() {
        return currentDatabase;
    }

    public static java.sql.Connection connection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server().port() + "/" + currentDatabase,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
