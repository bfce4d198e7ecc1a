package ai.marketplace.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
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

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    private static Map<String, String> routes() {
        Map<String, String> r = new LinkedHashMap<>();
        for (String p : new String[] { "assets", "publishers", "orders", "licences", "search", "abuse-reports" }) {
            r.put(p, "catalog");
        }
        for (String p : new String[] { "offers", "leases", "nodes", "match" }) {
            r.put(p, "compute");
        }
        for (String p : new String[] { "accounts", "ledger", "deposits", "withdrawals", "holds", "payouts", "anchors",
                "chain", "reconciliation", "stakes" }) {
            r.put(p, "settlement");
        }
        for (String p : new String[] { "reputation", "reviews", "validators", "attestations", "scores" }) {
            r.put(p, "reputation");
        }
        return Map.copyOf(r);
    }

    /**
     * @param servicePorts service name → port on 127.0.0.1
     * @param issuer the OIDC issuer the services accept tokens from (Keycloak's realm URL)
     */
    public static Gateway start(int port, Map<String, Integer> servicePorts, String issuer) {
        Vertx vertx = Vertx.vertx();
        var client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64));
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        proxy.originSelector(req -> Future.succeededFuture(
                SocketAddress.inetSocketAddress(servicePorts.get(serviceOf(req)), "127.0.0.1")));
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
        return new Gateway(vertx, server);
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
