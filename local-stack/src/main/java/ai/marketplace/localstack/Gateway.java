package ai.marketplace.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;

/**
 * The local stack's single base URL: routes each service's public {@code /v1} paths to it (Vert.x HTTP proxy), with
 * the {@code X-Forwarded-*} headers the services build their links from. For integrators it also serves the API's
 * documentation: each service's OpenAPI document at {@code /q/openapi/<service>} and one Swagger UI over all four at
 * {@code /q/swagger-ui}, whose Authorize button signs in with Keycloak (authorization code + PKCE, the public
 * {@code marketplace-web} client) instead of a pasted token. Health and metrics stay on the services' own ports.
 */
public final class Gateway implements AutoCloseable {

    /** Path prefixes each service owns (first segment after /v1). */
    public static final Map<String, String> ROUTES = routes();
    static final String OPERATIONS = "operations";

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<Integer, java.util.concurrent.atomic.LongAdder> forwarded;

    private Gateway(Vertx vertx, HttpServer server, Map<Integer, java.util.concurrent.atomic.LongAdder> forwarded) {
        this.vertx = vertx;
        this.server = server;
        this.forwarded = forwarded;
    }

    /** Requests sent to each replica port so far: the gateway's side of how it spread the traffic. */
    public Map<Integer, Long> forwarded() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        forwarded.forEach((port, n) -> out.put(port, n.sum()));
        return out;
    }

    /** From routes.json, the one description the Kubernetes HTTPRoutes are generated from too. */
    private static Map<String, String> routes() {
        try (var in = Gateway.class.getResourceAsStream("routes.json")) {
            if (in == null) {
                throw new IllegalStateException("routes.json missing from the local-stack jar");
            }
            JsonObject routes = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).getJsonObject("routes");
            Map<String, String> r = new LinkedHashMap<>();
            for (String service : routes.fieldNames()) {
                routes.getJsonArray(service).forEach(p -> r.put((String) p, service));
            }
            return Map.copyOf(r);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @param replicaPorts service name → the ports of its replicas on 127.0.0.1
     * @param issuer the OIDC issuer the services accept tokens from (Keycloak's realm URL)
     */
    public static Gateway start(int port, Map<String, List<Integer>> replicaPorts, String issuer) {
        Vertx vertx = Vertx.vertx();
        var client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64));
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        Map<String, Origins> origins = new LinkedHashMap<>();
        replicaPorts.forEach((service, ports) -> origins.put(service, new Origins(service, ports)));
        // As a Kubernetes Service does with its endpoints: only replicas whose readiness probe passes get requests.
        // The probes have a client of their own, as the kubelet does: proxied traffic filling the pool must not
        // delay a probe into a timeout and take a healthy replica out.
        var probes = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setMaxPoolSize(16));
        vertx.setPeriodic(1, 1000, id -> origins.values().forEach(o -> o.probe(vertx, probes)));
        Map<Integer, java.util.concurrent.atomic.LongAdder> forwarded = new ConcurrentHashMap<>();
        proxy.originSelector(req -> {
            int origin = origins.get(serviceOf(req)).next();
            forwarded.computeIfAbsent(origin, p -> new java.util.concurrent.atomic.LongAdder()).increment();
            return Future.succeededFuture(SocketAddress.inetSocketAddress(origin, "127.0.0.1"));
        });
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        replicaPorts.forEach((service, ports) -> servicePorts.put(service, ports.get(0)));
        ApiDocs docs = new ApiDocs(client, servicePorts, issuer);
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            if (docs.handles(req)) {
                return;
            }
            String service = serviceOf(req);
            if (service == null || !servicePorts.containsKey(service)) {
                notFound(req, servicePorts);
                return;
            }
            req.headers().set("X-Forwarded-Host", req.authority() == null ? "" : req.authority().toString());
            req.headers().set("X-Forwarded-Proto", "http");
            req.headers().set("X-Forwarded-For", req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress());
            proxy.handle(req);
        });
        CompletableFuture<HttpServer> started = new CompletableFuture<>();
        server.listen(port, "127.0.0.1").onSuccess(started::complete).onFailure(started::completeExceptionally);
        try {
            started.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new StackException("gateway could not listen on port " + port + ": " + e.getMessage(),
                    "free the port or pass --gateway-port");
        }
        return new Gateway(vertx, server, forwarded);
    }

    /**
     * A service's replicas: round robin over those that are ready (over all if none is). Ready as the kubelet
     * decides it for the Deployments: a probe of {@code /q/health/ready} every second with a 3 s timeout, taken out
     * after 3 failures in a row, back in after one success.
     */
    static final class Origins {
        private static final int FAILURE_THRESHOLD = 3;
        private static final long TIMEOUT_MS = 3000;
        private final String service;
        private final List<Integer> ports;
        private final Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        private final Set<Integer> probing = ConcurrentHashMap.newKeySet();
        private final AtomicInteger turn = new AtomicInteger();

        Origins(String service, List<Integer> ports) {
            this.service = service;
            this.ports = List.copyOf(ports);
        }

        int next() {
            List<Integer> candidates = ports.stream().filter(this::ready).toList();
            List<Integer> from = candidates.isEmpty() ? ports : candidates;
            return from.get(Math.floorMod(turn.getAndIncrement(), from.size()));
        }

        boolean ready(int port) {
            return failures.getOrDefault(port, 0) < FAILURE_THRESHOLD;
        }

        void probe(Vertx vertx, io.vertx.core.http.HttpClient client) {
            for (int p : ports) {
                if (!probing.add(p)) {
                    continue;
                }
                // Exactly one outcome per probe, whichever comes first: the answer or the deadline. Without the
                // deadline a probe that never completes would keep the port out of every later round.
                var outcome = new java.util.concurrent.atomic.AtomicBoolean();
                long deadline = vertx.setTimer(TIMEOUT_MS + 500, t -> {
                    if (outcome.compareAndSet(false, true)) {
                        record(p, false, "no answer within " + TIMEOUT_MS + " ms");
                    }
                });
                client.request(new RequestOptions().setHost("127.0.0.1").setPort(p).setURI("/q/health/ready")
                        .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(TIMEOUT_MS))
                        .compose(r -> r.send().compose(res -> res.body().map(b -> res.statusCode())))
                        .onComplete(status -> {
                            if (outcome.compareAndSet(false, true)) {
                                vertx.cancelTimer(deadline);
                                boolean ok = status.succeeded() && status.result() == 200;
                                record(p, ok, status.succeeded() ? "status " + status.result() : status.cause().toString());
                            }
                        });
            }
        }

        private void record(int port, boolean ok, String why) {
            probing.remove(port);
            boolean wasReady = ready(port);
            if (ok) {
                failures.put(port, 0);
            } else {
                failures.merge(port, 1, Integer::sum);
            }
            if (wasReady != ready(port)) {
                // Printed so that an operator (or a failing test's log) sees why a replica stopped getting requests.
                System.err.printf("gateway: %s replica on :%d %s (%s)%n", service, port,
                        ready(port) ? "is ready again" : "left the rotation after " + FAILURE_THRESHOLD + " failed readiness probes", why);
            }
        }
    }

    static String serviceOf(HttpServerRequest req) {
        String path = req.path();
        if (path == null || !path.startsWith("/v1/")) {
            return null;
        }
        String rest = path.substring(4);
        String[] segments = rest.split("/", 3);
        // Every service serves its operator endpoints (dead letters) under /v1/operations/<service>/.
        if (segments[0].equals(OPERATIONS)) {
            return segments.length > 1 && ROUTES.containsValue(segments[1]) ? segments[1] : null;
        }
        return ROUTES.get(segments[0]);
    }

    private static void notFound(HttpServerRequest req, Map<String, Integer> servicePorts) {
        problem(req, 404, "No service serves " + req.path() + "; public paths start with /v1/ followed by one of "
                + ROUTES.keySet().stream().sorted().toList() + " or operations/<service>");
    }

    /** The gateway's own answers, in the services' problem+json shape. */
    static void problem(HttpServerRequest req, int status, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "urn:ai-marketplace:problem:" + switch (status) {
                    case 404 -> "not-found";
                    case 502 -> "bad-gateway";
                    default -> "internal-error";
                })
                .put("title", io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status)
                .put("detail", detail)
                .put("instance", req.path());
        req.response().setStatusCode(status).putHeader("content-type", "application/problem+json").end(body.encode());
    }

    @Override
    public void close() {
        server.close();
        vertx.close();
    }
}
