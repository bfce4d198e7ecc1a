package ai.marketplace.partner.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.fuzz.ApiFuzzer;
import ai.marketplace.testsupport.fuzz.DatabaseState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every partner-service operation in its own OpenAPI document, fuzzed (see {@link ApiFuzzer}) by a partner with an
 * endpoint, another partner and an operator: no 5xx, no change on a refused request.
 */
@QuarkusTest
class ApiFuzzTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noOperationFailsOrChangesStateOnHostileInput() throws Exception {
        String type = "ai.marketplace.catalog.FuzzProbe" + UUID.randomUUID().toString().substring(0, 8).replace("-", "") + ".v1";
        String partner = "fuzz-partner-" + UUID.randomUUID();
        String operator = TestTokens.operator("fuzz-operator");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of(type)))
                .put("/v1/partners/" + TestTokens.subjectOf(partner) + "/grants").then().statusCode(200);
        String token = TestTokens.token(partner, "partner");
        // Nothing is ever published with this type, so no delivery changes the database while the fuzzer compares it.
        String endpoint = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/fuzz", "eventTypes", List.of(type)))
                .post("/v1/webhooks/endpoints").then().statusCode(201).extract().path("endpoint.id");

        var result = ApiFuzzer.against("http://127.0.0.1:" + port)
                .caller("partner (endpoint owner)", token)
                .caller("other partner", TestTokens.token("fuzz-other-partner", "partner"))
                .caller("operator", operator)
                .ids("id", endpoint).ids("partnerId", TestTokens.subjectOf(partner))
                .state(DatabaseState.of(PostgresResource::connection, Set.of("outbox", "inbox"), Set.of()))
                .build().run();
        result.assertClean("partner-service", 14);
    }
}
