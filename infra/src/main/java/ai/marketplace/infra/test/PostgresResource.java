package ai.marketplace.infra.test;

import java.util.Map;

import ai.marketplace.infra.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real PostgreSQL for a Quarkus test run. Use with {@code @QuarkusTestResource(PostgresResource.class)};
 * the database name defaults to {@code app} and can be set with the {@code database} init arg.
 * {@link #server()} lets a test stop and restart the database (outage tests).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedPostgresServer current;
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
        return server.quarkusConfig(database);
    }

    public static EmbeddedPostgresServer server() {
        if (current == null) {
            throw new IllegalStateException("PostgresResource is not started");
        }
        return current;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
