package ai.marketplace.platform.http;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.problem.Problem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every public API answer carries and what every request must respect before a resource runs: security
 * headers, size limits on the request target, headers (414, 431) and body (413 before the body is read), all as
 * problem+json, and per-client write rate limits
 * (429 with {@code Retry-After}). Clients are keyed by their verified token subject, or by address when
 * anonymous, so a forged token cannot drain someone else's allowance.
 */
@ApplicationScoped
public class HttpHardening {

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final HttpConfig config;
    private final Cache<String, Bucket> buckets;

    public HttpHardening(HttpConfig config) {
        this.config = config;
        this.buckets = Caffeine.newBuilder().maximumSize(config.writeRateLimit().maxClients())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    void install(@Observes Router router) {
        // Before Quarkus' own upload limit (order -2), which would answer 413 without a problem body.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::headersAndSize);
        // After authentication is set up (deferred identity available), before the REST layer.
        router.route("/v1/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::rateLimit);
    }

    void headersAndSize(RoutingContext ctx) {
        var h = ctx.response().headers();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        String path = ctx.normalizedPath();
        if (path != null && path.startsWith("/v1/")) {
            // API answers are data, never documents to render or store: private, per caller.
            h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            // Unless the answer says otherwise (a read with a strong ETag may be revalidated: ETag.read).
            ctx.addHeadersEndHandler(v -> {
                if (!h.contains("Cache-Control")) {
                    h.set("Cache-Control", "no-store");
                }
            });
            String proto = ctx.request().getHeader("X-Forwarded-Proto");
            if (ctx.request().isSSL() || "https".equalsIgnoreCase(proto)) {
                h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        }
        // The HTTP codec's own limits sit far above these, so that what exceeds ours still gets a problem body.
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > config.maxUriLength()) {
            closeAfter(ctx);
            problem(ctx, 414, "uri-too-long", "URI Too Long",
                    "The request target may be at most " + config.maxUriLength() + " characters");
            return;
        }
        long headerBytes = 0;
        for (var header : ctx.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > config.maxHeaderSize().asLongValue()) {
            closeAfter(ctx);
            problem(ctx, 431, "headers-too-large", "Request Header Fields Too Large",
                    "The request headers may be at most " + config.maxHeaderSize().asLongValue() + " bytes in total");
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long limit = config.maxBodySize().asLongValue();
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > limit) {
                closeAfter(ctx);
                problem(ctx, 413, "payload-too-large", "Payload Too Large",
                        "The request body may be at most " + limit + " bytes");
                return;
            }
        }
        ctx.next();
    }

    void rateLimit(RoutingContext ctx) {
        if (!config.writeRateLimit().enabled() || !WRITES.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        if (deferred == null) {
            admit(ctx, "ip:" + address);
            return;
        }
        Context vertx = Vertx.currentContext();
        ctx.request().pause();
        deferred.subscribe().with(
                identity -> vertx.runOnContext(v -> {
                    ctx.request().resume();
                    admit(ctx, identity == null || identity.isAnonymous() ? "ip:" + address
                            : "sub:" + identity.getPrincipal().getName());
                }),
                // An invalid token: Quarkus may already have answered 401; otherwise count it against the address.
                failure -> vertx.runOnContext(v -> {
                    if (ctx.response().headWritten()) {
                        return;
                    }
                    ctx.request().resume();
                    admit(ctx, "ip:" + address);
                }));
    }

    private void admit(RoutingContext ctx, String client) {
        Bucket bucket = buckets.get(client, k -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        ctx.response().putHeader("RateLimit-Limit", Integer.toString(config.writeRateLimit().burst()));
        ctx.response().putHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problem(ctx, 429, "rate-limited", "Too Many Requests",
                "Too many writes from this client; retry after " + seconds + " s");
    }

    private Bucket newBucket() {
        var limit = config.writeRateLimit();
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.burst())
                .refillGreedy(limit.perMinute(), Duration.ofMinutes(1)).build()).build();
    }

    /** The refused bytes are not read: on HTTP/1 the connection closes so they are not parsed as a next request. */
    private static void closeAfter(RoutingContext ctx) {
        if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    private static void problem(RoutingContext ctx, int status, String slug, String title, String detail) {
        String requestId = ctx.request().getHeader(RequestIds.HEADER);
        JsonObject body = new JsonObject().put("type", Problem.type(slug)).put("title", title)
                .put("status", status).put("detail", detail).put("instance", ctx.normalizedPath())
                .put("requestId", requestId != null ? RequestIds.accept(requestId) : UUID.randomUUID().toString());
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, body.getString("requestId"))
                .end(body.encode());
    }
}
