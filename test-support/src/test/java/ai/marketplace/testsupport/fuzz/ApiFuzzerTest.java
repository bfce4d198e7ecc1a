package ai.marketplace.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * The fuzzer against a deliberately broken API: it must catch each kind of defect it exists for — a 500 on
 * hostile input, a 4xx that is not problem+json, a rejected request that still changed state, and a secured
 * operation that accepts a request without a valid token — and report nothing for a correct operation.
 */
class ApiFuzzerTest {

    static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"broken","version":"1"},
             "paths":{
              "/v1/things":{"post":{"security":[{"oidc":[]}],
                "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}},"required":true},
                "responses":{"201":{"description":"created"}}}},
              "/v1/sound/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}],
                "responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"Thing":{"type":"object","required":["name","amount"],"properties":{
               "name":{"type":"string","maxLength":50},
               "amount":{"type":"string","pattern":"^(0|[1-9][0-9]{0,77})$"}}}},
              "securitySchemes":{"oidc":{"type":"http","scheme":"bearer"}}}}
            """;

    Vertx vertx = Vertx.vertx();
    AtomicInteger stored = new AtomicInteger();

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void findsEveryKindOfDefectInABrokenApiAndNothingInASoundOne() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            String path = req.path();
            if (path.startsWith("/v1/sound/")) {
                boolean uuid = path.substring(10).matches("[0-9a-f-]{36}");
                req.response().setStatusCode(uuid ? 200 : 404).putHeader("content-type", uuid ? "application/json" : "application/problem+json")
                        .end(uuid ? "{}" : "{\"status\":404}");
                return;
            }
            String body = buf.toString();
            if (body.contains("'")) {
                req.response().setStatusCode(500).end("NullPointerException at Thing.java:42");
            } else if (body.contains("\"-1\"")) {
                stored.incrementAndGet(); // written before validating
                req.response().setStatusCode(400).putHeader("content-type", "application/problem+json").end("{}");
            } else if (!body.startsWith("{\"")) {
                req.response().setStatusCode(400).putHeader("content-type", "text/plain").end("bad");
            } else {
                stored.incrementAndGet();
                req.response().setStatusCode(201).putHeader("content-type", "application/json").end(body);
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        var report = ApiFuzzer.against("http://127.0.0.1:" + server.actualPort()).openApi(OPENAPI)
                .caller("user", "a-valid-token").requestsPerOperation(400)
                .state(() -> Map.of("things", Integer.toString(stored.get()))).build().run();

        assertThat(report.requestsPerOperation()).containsEntry("POST /v1/things", 400).containsEntry("GET /v1/sound/{id}", 400);
        var whys = report.findings().stream().map(f -> f.operation() + " " + f.why()).toList();
        assertThat(whys).anyMatch(w -> w.startsWith("POST /v1/things server error"));
        assertThat(whys).anyMatch(w -> w.startsWith("POST /v1/things not problem+json"));
        assertThat(whys).anyMatch(w -> w.startsWith("POST /v1/things a rejected request changed table(s) [things]"));
        assertThat(whys).anyMatch(w -> w.startsWith("POST /v1/things accepted without a valid token"));
        assertThat(whys).noneMatch(w -> w.startsWith("GET /v1/sound"));
    }
}
