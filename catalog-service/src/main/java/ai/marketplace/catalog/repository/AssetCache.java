package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.marketplace.catalog.config.CatalogConfig;
import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.AssetState;
import ai.marketplace.catalog.domain.PricingPlan;
import ai.marketplace.platform.tx.Notifications;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;

/**
 * Non-draft assets by id and the active plans of assets, held in memory, and never older on any replica than a
 * commit that was acknowledged before the read arrived.
 * <p>
 * Every change to an asset row or to a plan notifies {@value #CHANNEL} with the asset's id on commit (triggers, V8). Each replica listens on a
 * connection of its own and drops the entry named. Delivery is asynchronous, so a notification alone could still be
 * in flight when a client that was told "committed" asks another replica. A cache hit therefore waits for a
 * <em>barrier</em>: a trivial query on the listening connection, sent after the read arrived. PostgreSQL delivers
 * the notifications of transactions committed before that query ahead of its answer, and the client hands them to
 * the handler in order, so when the barrier answers every earlier change is applied here. Concurrent hits share one
 * barrier in flight (the next one collects everybody who arrives meanwhile), so under load a round trip serves many
 * reads, and it reads no table.
 * <p>
 * A load that raced a change must not put a stale row back: loads note the invalidation count before reading and
 * take their entry out again if it moved. While the listening connection is down nothing is served from memory or
 * kept; when it is back the cache starts empty, since notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class AssetCache {

    static final String CHANNEL = "asset_changed";
    /** How the listening connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "catalog-asset-cache";
    private static final Logger LOG = Logger.getLogger(AssetCache.class);
    private static final long RECONNECT_MS = 1_000;

    @Inject Vertx vertx;
    @Inject CatalogConfig config;
    @Inject MeterRegistry registry;

    private Cache<UUID, Asset> assets;
    private Cache<UUID, List<PricingPlan>> activePlans;
    /** Moves on every invalidation: a load that saw another value may have read a row changed since. */
    private final AtomicLong invalidations = new AtomicLong();
    private volatile PgConnection listening;
    private volatile boolean closed;

    private final Object barrierLock = new Object();
    private boolean barrierInFlight;
    private Promise<Boolean> nextBarrier;

    void start(@Observes StartupEvent ignored) {
        long size = config.assetCacheSize();
        if (size <= 0) {
            return;
        }
        assets = Caffeine.newBuilder().maximumSize(size).recordStats().build();
        activePlans = Caffeine.newBuilder().maximumSize(size).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, assets, "catalog.assets");
        CaffeineCacheMetrics.monitor(registry, activePlans, "catalog.plans");
        connect();
    }

    void stop(@Observes ShutdownEvent ignored) {
        closed = true;
        PgConnection c = listening;
        listening = null;
        if (c != null) {
            c.close();
        }
    }

    /**
     * The asset {@code id} as {@code loader} reads it from the database (null when there is none), from memory when
     * that is as fresh. Drafts are not kept.
     */
    public Uni<Asset> get(UUID id, Function<UUID, Uni<Asset>> loader) {
        return cached(assets, id, loader, asset -> asset.state() != AssetState.DRAFT);
    }

    /** The asset's active plans as {@code loader} reads them, from memory when that is as fresh. */
    public Uni<List<PricingPlan>> activePlans(UUID assetId, Function<UUID, Uni<List<PricingPlan>>> loader) {
        return cached(activePlans, assetId, loader, plans -> true);
    }

    /** Whether this replica is listening, so that it may serve from memory. */
    public boolean coherent() {
        return listening != null;
    }

    private <V> Uni<V> cached(Cache<UUID, V> cache, UUID id, Function<UUID, Uni<V>> loader, Predicate<V> keep) {
        if (cache == null || cache.getIfPresent(id) == null) {
            return load(cache, id, loader, keep);
        }
        // Counted once, as held on arrival; the look after the barrier is not counted again.
        return barrier().chain(fresh -> {
            V held = fresh ? cache.policy().getIfPresentQuietly(id) : null;
            return held != null ? Uni.createFrom().item(held) : load(cache, id, loader, keep);
        });
    }

    private <V> Uni<V> load(Cache<UUID, V> cache, UUID id, Function<UUID, Uni<V>> loader, Predicate<V> keep) {
        if (cache == null || listening == null) {
            return loader.apply(id);
        }
        long seen = invalidations.get();
        return loader.apply(id).invoke(value -> {
            if (value != null && keep.test(value)) {
                cache.put(id, value);
                // Put first, check after: a change applied in between is seen here, one applied later drops it itself.
                if (invalidations.get() != seen || listening == null) {
                    cache.invalidate(id);
                }
            }
        });
    }

    /** True once every change committed before the call is applied here; false when this replica cannot vouch. */
    private Uni<Boolean> barrier() {
        PgConnection conn = listening;
        if (conn == null) {
            return Uni.createFrom().item(false);
        }
        Promise<Boolean> promise;
        boolean send = false;
        synchronized (barrierLock) {
            if (!barrierInFlight) {
                barrierInFlight = true;
                promise = Promise.promise();
                send = true;
            } else {
                if (nextBarrier == null) {
                    nextBarrier = Promise.promise();
                }
                promise = nextBarrier;
            }
        }
        if (send) {
            send(conn, promise);
        }
        return onCallersContext(promise.future());
    }

    private void send(PgConnection conn, Promise<Boolean> promise) {
        conn.query("select 1").execute().onComplete(ar -> {
            promise.complete(ar.succeeded() && listening == conn);
            sendNext();
        });
    }

    private void sendNext() {
        while (true) {
            Promise<Boolean> following;
            synchronized (barrierLock) {
                following = nextBarrier;
                nextBarrier = null;
                if (following == null) {
                    barrierInFlight = false;
                    return;
                }
            }
            PgConnection conn = listening;
            if (conn != null) {
                send(conn, following);
                return;
            }
            following.complete(false);
        }
    }

    /** The barrier answers on the listening connection's event loop; the request goes on on its own. */
    private static Uni<Boolean> onCallersContext(Future<Boolean> future) {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> future.onComplete(ar -> {
            boolean fresh = ar.succeeded() && ar.result();
            if (caller == null || caller == Vertx.currentContext()) {
                emitter.complete(fresh);
            } else {
                caller.runOnContext(v -> emitter.complete(fresh));
            }
        }));
    }

    private void connect() {
        if (closed) {
            return;
        }
        PgConnection.connect(vertx, Notifications.connectOptions().addProperty("application_name", APPLICATION_NAME)).onComplete(connected -> {
            if (connected.failed()) {
                retry(connected.cause());
                return;
            }
            PgConnection conn = connected.result();
            // The handler is in place before LISTEN, so no notification after LISTEN goes unseen.
            conn.notificationHandler(n -> {
                if (CHANNEL.equals(n.getChannel())) {
                    changed(n.getPayload());
                }
            });
            conn.closeHandler(v -> lost(conn));
            conn.query("listen " + CHANNEL).execute().onComplete(listened -> {
                if (listened.failed()) {
                    conn.close();
                    retry(listened.cause());
                    return;
                }
                // Whatever was held before may have changed while nobody listened.
                forgetAll();
                listening = conn;
                if (closed) {
                    stop(null);
                }
            });
        });
    }

    private void retry(Throwable cause) {
        LOG.warnf("Asset cache not listening (%s); reads go to the database, retrying in %d ms", cause.getMessage(), RECONNECT_MS);
        if (!closed) {
            vertx.setTimer(RECONNECT_MS, t -> connect());
        }
    }

    /** Only the connection in use reconnects: one that failed before it listened has retried already. */
    private void lost(PgConnection conn) {
        if (listening != conn) {
            return;
        }
        listening = null;
        forgetAll();
        if (!closed) {
            LOG.warnf("Asset cache lost its listening connection; reads go to the database, reconnecting in %d ms", RECONNECT_MS);
            vertx.setTimer(RECONNECT_MS, t -> connect());
        }
    }

    /** An asset's id; anything else (TRUNCATE sends an empty payload) drops every entry. */
    private void changed(String payload) {
        UUID id;
        try {
            id = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            forgetAll();
            return;
        }
        invalidations.incrementAndGet();
        assets.invalidate(id);
        activePlans.invalidate(id);
    }

    private void forgetAll() {
        invalidations.incrementAndGet();
        assets.invalidateAll();
        activePlans.invalidateAll();
    }
}
