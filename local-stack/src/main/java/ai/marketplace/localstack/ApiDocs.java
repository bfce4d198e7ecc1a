package ai.marketplace.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's API documentation. {@code /q/openapi/<service>} is the service's own OpenAPI document with two
 * things adapted to the browser in front of the gateway: its server is the gateway (so "Try it out" goes through
 * it, like any client) and its security scheme is the realm's OpenID Connect discovery (so Swagger UI can sign in).
 * {@code /q/openapi} is the whole public API in one document (the services' documents merged by {@link PublicApi}, the
 * same merge that {@code docs/openapi/marketplace-v1.json} commits).
 * {@code /q/swagger-ui} is Swagger UI (the same files the services ship) over the four documents, set up for the
 * authorization code flow with PKCE as the public {@code marketplace-web} client.
 */
final class ApiDocs {

    static final String OPENAPI = "/q/openapi/";
    static final String UI = "/q/swagger-ui";
    private static final String ASSETS = "META-INF/resources/openapi-ui/";

    private final HttpClient client;
    private final Map<String, Integer> servicePorts;
    private final String issuer;

    ApiDocs(HttpClient client, Map<String, Integer> servicePorts, String issuer) {
        this.client = client;
        this.servicePorts = servicePorts;
        this.issuer = issuer;
    }

    /** Answers the request if it is for the documentation; false leaves it to the API routes. */
    boolean handles(HttpServerRequest req) {
        String path = req.path();
        if (req.method() != HttpMethod.GET || path == null) {
            return false;
        }
        if (path.equals(OPENAPI) || path.equals(OPENAPI.substring(0, OPENAPI.length() - 1))) {
            merged(req);
            return true;
        }
        if (path.startsWith(OPENAPI)) {
            document(req, path.substring(OPENAPI.length()));
            return true;
        }
        if (path.equals(UI) || path.equals(UI + "/") || path.equals(UI + "/index.html")) {
            req.response().putHeader("content-type", "text/html; charset=utf-8").end(indexHtml(origin(req)));
            return true;
        }
        if (path.startsWith(UI + "/")) {
            asset(req, path.substring(UI.length() + 1));
            return true;
        }
        return false;
    }

    private static String origin(HttpServerRequest req) {
        return "http://" + (req.authority() == null ? "127.0.0.1" : req.authority().toString());
    }

    private void document(HttpServerRequest req, String service) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            Gateway.problem(req, 404, "No service " + service + "; documents: " + OPENAPI.substring(0, OPENAPI.length() - 1)
                    + " (all) and " + servicePorts.keySet().stream().map(s -> OPENAPI + s).toList());
            return;
        }
        fetch(port).onSuccess(doc -> respond(req, forBrowser(doc, origin(req))))
                .onFailure(e -> Gateway.problem(req, 502, service + "-service did not give its OpenAPI document: " + e.getMessage()));
    }

    private void merged(HttpServerRequest req) {
        java.util.List<String> services = java.util.List.copyOf(servicePorts.keySet());
        io.vertx.core.Future.all(services.stream().map(s -> fetch(servicePorts.get(s))).toList())
                .onSuccess(all -> {
                    Map<String, JsonObject> docs = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < services.size(); i++) {
                        docs.put(services.get(i), all.resultAt(i));
                    }
                    try {
                        respond(req, forBrowser(PublicApi.merge(docs, origin(req)), origin(req)));
                    } catch (IllegalStateException e) {
                        Gateway.problem(req, 502, e.getMessage());
                    }
                })
                .onFailure(e -> Gateway.problem(req, 502, "a service did not give its OpenAPI document: " + e.getMessage()));
    }

    private io.vertx.core.Future<JsonObject> fetch(int port) {
        return client.request(HttpMethod.GET, port, "127.0.0.1", "/q/openapi?format=json")
                .compose(r -> r.putHeader("accept", "application/json").send().compose(res -> res.body()))
                .map(body -> new JsonObject(body));
    }

    private JsonObject forBrowser(JsonObject doc, String origin) {
        doc.put("servers", new JsonArray().add(new JsonObject().put("url", origin).put("description", "the local gateway")));
        JsonObject components = doc.getJsonObject("components");
        if (components == null) {
            components = new JsonObject();
            doc.put("components", components);
        }
        JsonObject schemes = components.getJsonObject("securitySchemes");
        if (schemes == null) {
            schemes = new JsonObject();
            components.put("securitySchemes", schemes);
        }
        schemes.put("oidc", new JsonObject().put("type", "openIdConnect")
                .put("openIdConnectUrl", issuer + "/.well-known/openid-configuration")
                .put("description", "Sign in as a demo user (password = user name + \"-pass\")"));
        return doc;
    }

    private static void respond(HttpServerRequest req, JsonObject doc) {
        req.response().putHeader("content-type", "application/json").end(doc.encodePrettily());
    }

    private static void asset(HttpServerRequest req, String name) {
        if (name.contains("/") || name.contains("..")) {
            Gateway.problem(req, 404, "No such file");
            return;
        }
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                Gateway.problem(req, 404, "No such file: " + name);
                return;
            }
            req.response().putHeader("content-type", contentType(name)).end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            Gateway.problem(req, 500, "cannot read " + name);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript";
        }
        if (name.endsWith(".css")) {
            return "text/css";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return name.endsWith(".ico") ? "image/x-icon" : "application/octet-stream";
    }

    String indexHtml(String origin) {
        StringBuilder urls = new StringBuilder("{url:'" + OPENAPI.substring(0, OPENAPI.length() - 1) + "',name:'all services'}");
        for (String s : servicePorts.keySet()) {
            urls.append(urls.isEmpty() ? "" : ",").append("{url:'").append(OPENAPI).append(s).append("',name:'")
                    .append(s).append("-service'}");
        }
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>AI marketplace API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                  <link rel="icon" href="%1$s/favicon.ico">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script src="%1$s/swagger-ui-standalone-preset.js"></script>
                <script>
                  const ui = SwaggerUIBundle({
                    urls: [%2$s],
                    dom_id: '#swagger-ui',
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    layout: 'StandaloneLayout',
                    persistAuthorization: true,
                    oauth2RedirectUrl: '%3$s%1$s/oauth2-redirect.html'
                  });
                  ui.initOAuth({ clientId: 'marketplace-web', usePkceWithAuthorizationCodeGrant: true, scopes: 'openid' });
                </script>
                </body>
                </html>
                """.formatted(UI, urls, origin);
    }
}
