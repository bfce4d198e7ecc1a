package ai.marketplace.platform.tx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * PostgreSQL LISTEN/NOTIFY on the service's own database: a transaction notifies a channel, and when it commits
 * every replica listening on that channel wakes up. The outbox relay and partner-service's dispatcher both use it
 * to run at once after a commit instead of at their next poll. Each listener has a connection of its own
 * (LISTEN needs one outside the pool), reconnects after a lost connection and is closed at shutdown.
 */
@ApplicationScoped
public class Notifications {

    @Inject Vertx vertx;

    private final List<PgSubscriber> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Runs {@code onNotify} on every notification of {@code channel}, reconnecting {@code reconnect} after a lost
     * connection. The Uni completes when the first LISTEN is in place and fails when it cannot be (the caller then
     * relies on its poll).
     */
    public Uni<Void> listen(String channel, Duration reconnect, Runnable onNotify) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, connectOptions()).reconnectPolicy(retries -> reconnect.toMillis());
        subscriber.channel(channel).handler(payload -> onNotify.run());
        subscribers.add(subscriber);
        return subscriber.connect();
    }

    /**
     * Where the service's datasource is, for a connection of its own outside the pool: LISTEN holds its connection
     * for as long as it listens.
     */
    public static PgConnectOptions connectOptions() {
        Config c = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(c.getValue("quarkus.datasource.reactive.url", String.class)
                .replaceFirst("^vertx-reactive:", ""));
        c.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        c.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }

    /** Notifies {@code channel} when {@code tx} commits (nothing is sent if it rolls back). */
    public static Uni<Void> notifyOnCommit(Tx tx, String channel) {
        return tx.query("select pg_notify('" + channel + "', '')").replaceWithVoid();
    }

    void close(@Observes ShutdownEvent ignored) {
        subscribers.forEach(PgSubscriber::closeAndForget);
    }
}
