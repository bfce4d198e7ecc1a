package ai.marketplace.partner.service;

import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.partner.config.PartnerConfig;
import ai.marketplace.partner.domain.AttemptOutcome;
import ai.marketplace.partner.domain.Backoff;
import ai.marketplace.partner.domain.DeliveryAttempt;
import ai.marketplace.partner.domain.DisabledBy;
import ai.marketplace.partner.domain.Endpoint;
import ai.marketplace.partner.domain.EndpointState;
import ai.marketplace.partner.domain.Signature;
import ai.marketplace.partner.domain.WebhookUrl;
import ai.marketplace.partner.events.PartnerEvents;
import ai.marketplace.partner.repository.AttemptRepository;
import ai.marketplace.partner.repository.DeliveryRepository;
import ai.marketplace.partner.repository.DeliveryRepository.Due;
import ai.marketplace.partner.repository.EndpointRepository;
import ai.marketplace.platform.domain.DomainException;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.tx.Notifications;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Delivers what endpoints are owed. Each pass takes due deliveries in a short transaction (claimed for a lease, see
 * {@link DeliveryRepository#claim}), sends each on its own and records each outcome in a transaction of its own:
 * a slow endpoint holds up only its own deliveries, and a replica killed mid-delivery leaves its claims to expire,
 * after which any replica sends them again with the same {@code webhook-id} (at least once).
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int BATCH = 64;
    private static final int MAX_IN_FLIGHT = 256;
    private static final int EXCERPT_CHARS = 512;

    @Inject Transactions transactions;
    @Inject DeliveryRepository deliveries;
    @Inject EndpointRepository endpoints;
    @Inject AttemptRepository attempts;
    @Inject Outbox outbox;
    @Inject PartnerConfig config;
    @Inject Resolver resolver;
    @Inject Vertx vertx;
    @Inject MeterRegistry registry;
    @Inject Notifications notifications;

    static final String NOTIFY_CHANNEL = "partner_delivery";

    private HttpClient client;
    private Backoff backoff;
    private Timer lag;
    private final AtomicBoolean passing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;
    private long timer = -1;

    void start(@Observes StartupEvent ignored) {
        PartnerConfig.Delivery d = config.delivery();
        int timeout = (int) d.timeout().toMillis();
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(MAX_IN_FLIGHT).setConnectTimeout(timeout)
                .setIdleTimeout(timeout).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS).setKeepAlive(true)
                .setForceSni(true).setVerifyHost(true));
        backoff = new Backoff(d.firstRetry(), d.longestRetry());
        lag = Timer.builder("marketplace.webhook.delivery.lag").description("from the event's time to its delivery")
                .publishPercentiles(0.5, 0.99).register(registry);
        schedule(d.pollInterval());
        listen();
    }

    /**
     * Wakes on {@link #NOTIFY_CHANNEL}, which the transactions that make deliveries due notify when they commit, on
     * whichever replica they ran; the poll is the safety net.
     */
    private void listen() {
        notifications.listen(NOTIFY_CHANNEL, Duration.ofSeconds(1), this::wake).subscribe().with(ok -> { },
                e -> LOG.warnf("Webhook dispatcher cannot LISTEN (%s); it polls instead", e.toString()));
    }

    /** Makes every replica's dispatcher look for due deliveries once {@code tx} commits. */
    public static Uni<Void> notifyOnCommit(Tx tx) {
        return Notifications.notifyOnCommit(tx, NOTIFY_CHANNEL);
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
    }

    /** Something became due: look now instead of at the next poll. */
    public void wake() {
        vertx.runOnContext(v -> pass());
    }

    private void schedule(Duration after) {
        if (!stopped) {
            timer = vertx.setTimer(Math.max(1, after.toMillis()), id -> pass());
        }
    }

    private void pass() {
        if (stopped) {
            return;
        }
        if (!passing.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        vertx.cancelTimer(timer);
        int room = Math.min(BATCH, MAX_IN_FLIGHT - inFlight.get());
        if (room <= 0) {
            passing.set(false);
            schedule(config.delivery().pollInterval());
            return;
        }
        PartnerConfig.Delivery d = config.delivery();
        int lease = (int) (d.timeout().toSeconds() * 2 + 5);
        transactions.run(tx -> deliveries.claim(tx, room, d.concurrencyPerEndpoint(), lease))
                .subscribe().with(due -> {
                    due.forEach(this::deliver);
                    passing.set(false);
                    if (due.size() == room || again.getAndSet(false)) {
                        vertx.runOnContext(v -> pass());
                    } else {
                        schedule(d.pollInterval());
                    }
                }, failure -> {
                    LOG.warnf("Webhook dispatcher could not take due deliveries (%s); trying again", failure.toString());
                    passing.set(false);
                    schedule(d.pollInterval());
                });
    }

    /** What one attempt came to. */
    record Result(Integer status, String error, String excerpt, int latencyMs) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private void deliver(Due due) {
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        Uni.createFrom().deferred(() -> send(due, at))
                .onFailure().recoverWithItem(e -> new Result(null, describe(e), null, millisSince(started)))
                .chain(result -> record(due, at, result))
                .onTermination().invoke(() -> {
                    inFlight.decrementAndGet();
                    wake();
                })
                .subscribe().with(x -> { }, e -> LOG.warnf("Webhook delivery of %s to %s not recorded (%s); its claim expires and it is sent again",
                        due.eventId(), due.endpointId(), e.toString()));
    }

    private Uni<Result> send(Due due, OffsetDateTime at) {
        WebhookUrl url = WebhookUrl.parse(due.url(), config.allowLoopback());
        long started = System.nanoTime();
        return resolver.permitted(url).chain(addresses -> post(url, addresses.getFirst(), due, at, started));
    }

    private Uni<Result> post(WebhookUrl url, InetAddress address, Due due, OffsetDateTime at, long started) {
        long timestamp = at.toEpochSecond();
        List<String> secrets = Endpoint.signingSecrets(due.secret(), due.previousSecret(), due.previousSecretUntil(), at);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setHost(url.host()).setPort(url.port()).setSsl(url.https()).setURI(url.requestTarget())
                .setFollowRedirects(false).setIdleTimeout(config.delivery().timeout().toMillis())
                .putHeader("content-type", "application/cloudevents+json")
                .putHeader("user-agent", "ai-marketplace-webhooks/0.1")
                .putHeader("webhook-id", due.eventId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Signature.header(secrets, due.eventId(), timestamp, due.body()));
        int cap = config.delivery().maxResponseBytes();
        Duration timeout = config.delivery().timeout();
        return Uni.createFrom().<Result>emitter(em -> client.request(options)
                .compose(req -> req.send(Buffer.buffer(due.body())).onSuccess(resp -> {
                    StringBuilder excerpt = new StringBuilder();
                    long[] read = {0};
                    resp.handler(chunk -> {
                        read[0] += chunk.length();
                        if (excerpt.length() < EXCERPT_CHARS) {
                            String s = chunk.toString(java.nio.charset.StandardCharsets.UTF_8);
                            excerpt.append(s, 0, Math.min(s.length(), EXCERPT_CHARS - excerpt.length()));
                        }
                        if (read[0] > cap) {
                            // A receiver streaming an endless answer gets no more of our time: its status decides.
                            em.complete(new Result(resp.statusCode(), null, excerpt.toString(), millisSince(started)));
                            req.connection().close();
                        }
                    });
                    resp.exceptionHandler(em::fail);
                    resp.endHandler(v -> em.complete(new Result(resp.statusCode(), null, excerpt.toString(), millisSince(started))));
                }))
                .onFailure(em::fail))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no complete answer within " + timeout.toMillis() + " ms"));
    }

    private Uni<Void> record(Due due, OffsetDateTime at, Result result) {
        PartnerConfig.Delivery d = config.delivery();
        registry.counter("marketplace.webhook.attempts", "outcome", result.delivered() ? "delivered" : "failed").increment();
        if (result.delivered()) {
            lag.record(Duration.between(due.eventTime(), OffsetDateTime.now(ZoneOffset.UTC)));
        }
        // The endpoint's row first, its delivery rows after, as every other transaction here takes them (a PATCH, a
        // replay, a delete): in the other order a replay and an outcome deadlock.
        return transactions.runRetryingConflicts(tx -> {
            if (result.delivered()) {
                return endpoints.succeeded(tx, due.endpointId())
                        .chain(() -> deliveries.delivered(tx, due.endpointId(), due.seq()))
                        .chain(() -> attempts.record(tx, attempt(due, at, result, AttemptOutcome.DELIVERED, null)));
            }
            OffsetDateTime next = OffsetDateTime.now(ZoneOffset.UTC).plus(backoff.after(due.attempt(), ThreadLocalRandom.current()));
            boolean giveUp = next.isAfter(due.firstDueAt().plus(d.retryHorizon()));
            return endpoints.failed(tx, due.endpointId(), due.url()).chain(streak -> (giveUp ? deliveries.gaveUp(tx, due.endpointId(), due.seq())
                    : deliveries.retryAt(tx, due.endpointId(), due.seq(), next))
                    .chain(() -> attempts.record(tx, attempt(due, at, result, giveUp ? AttemptOutcome.GAVE_UP : AttemptOutcome.RETRYING,
                            giveUp ? null : next)))
                    .chain(() -> streak >= d.disableAfterFailures() ? disableForFailures(tx, due.endpointId(), streak, result)
                            : Uni.createFrom().voidItem()));
        });
    }

    private Uni<Void> disableForFailures(Tx tx, UUID endpointId, int streak, Result last) {
        return endpoints.lock(tx, endpointId).chain(e -> {
            if (e == null || e.state() != EndpointState.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            String why = streak + " failed attempts in a row, the last: " + (last.status() != null ? "HTTP " + last.status() : last.error());
            e.disable(DisabledBy.FAILURES, why, OffsetDateTime.now(ZoneOffset.UTC));
            LOG.warnf("Webhook endpoint %s of %s disabled: %s", e.id(), e.partnerId(), why);
            return endpoints.save(tx, e).chain(() -> outbox.append(tx, PartnerEvents.ENDPOINT, e.id().toString(),
                    PartnerEvents.DISABLED, PartnerEvents.EndpointSnapshot.of(e))).replaceWithVoid();
        });
    }

    private static DeliveryAttempt attempt(Due due, OffsetDateTime at, Result r, AttemptOutcome outcome, OffsetDateTime next) {
        return new DeliveryAttempt(UUID.randomUUID(), due.endpointId(), due.eventId(), due.eventType(), due.attempt(), at,
                r.latencyMs(), r.status(), r.error(), r.excerpt(), outcome, next);
    }

    private static String describe(Throwable e) {
        if (e instanceof DomainException.InvalidInput invalid) {
            return "refused: " + invalid.reason();
        }
        String m = e.getMessage();
        String d = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return d.length() > 500 ? d.substring(0, 500) : d;
    }

    private static int millisSince(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - nanos) / 1_000_000);
    }
}
