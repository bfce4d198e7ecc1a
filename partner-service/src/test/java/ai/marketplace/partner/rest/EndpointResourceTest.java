package ai.marketplace.partner.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The endpoints API: who may do what, and bad input answered with problem+json that changes nothing. */
@QuarkusTest
class EndpointResourceTest {

    static final String CAPTURED = "ai.marketplace.settlement.PaymentCaptured.v1";
    static final String PUBLISHED = "ai.marketplace.catalog.AssetPublished.v1";
    static final String ENDPOINTS = "/v1/webhooks/endpoints";

    static String partner(String... granted) {
        String user = "rp-" + UUID.randomUUID();
        if (granted.length > 0) {
            given().auth().oauth2(TestTokens.operator("oscar")).contentType(ContentType.JSON)
                    .body(Map.of("eventTypes", List.of(granted)))
                    .put("/v1/partners/" + TestTokens.subjectOf(user) + "/grants").then().statusCode(200);
        }
        return TestTokens.token(user, "partner");
    }

    static Map<String, Object> body(String url, String... types) {
        return Map.of("url", url, "eventTypes", List.of(types), "description", "d");
    }

    static String register(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/hook", CAPTURED))
                .post(ENDPOINTS).then().statusCode(201).extract().path("endpoint.id");
    }

    @Test
    void aPartnerRegistersSeesAndDeletesItsOwnEndpointsAndNobodyElses() {
        String owner = partner(CAPTURED);
        String other = partner(CAPTURED);
        var created = given().auth().oauth2(owner).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/hook", CAPTURED))
                .post(ENDPOINTS).then().statusCode(201).header("Location", containsString(ENDPOINTS + "/"))
                .body("secret", startsWith("whsec_")).body("endpoint.state", equalTo("ACTIVE")).extract().jsonPath();
        String id = created.getString("endpoint.id");
        // The secret is shown once: never in a read.
        given().auth().oauth2(owner).get(ENDPOINTS + "/" + id).then().statusCode(200).body("secret", equalTo(null))
                .body("eventTypes", hasItem(CAPTURED));
        given().auth().oauth2(other).get(ENDPOINTS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("state", "PAUSED"))
                .patch(ENDPOINTS + "/" + id).then().statusCode(404);
        given().auth().oauth2(other).delete(ENDPOINTS + "/" + id).then().statusCode(404);
        given().auth().oauth2(other).get(ENDPOINTS).then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(owner).get(ENDPOINTS).then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(owner).get(ENDPOINTS + "?all=true").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.operator("oscar")).get(ENDPOINTS + "?all=true&limit=100").then().statusCode(200);
        given().auth().oauth2(TestTokens.operator("oscar")).get(ENDPOINTS + "/" + id).then().statusCode(200);

        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("state", "PAUSED", "description", "paused for maintenance"))
                .patch(ENDPOINTS + "/" + id).then().statusCode(200).body("state", equalTo("PAUSED"))
                .body("description", equalTo("paused for maintenance"));
        given().auth().oauth2(owner).delete(ENDPOINTS + "/" + id).then().statusCode(204);
        given().auth().oauth2(owner).get(ENDPOINTS + "/" + id).then().statusCode(404);

        // Every change is an event of its own, keyed by the endpoint.
        List<String> events = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.partner.v1", id, 4, Duration.ofSeconds(60))
                .stream().map(b -> new String(b.value(), StandardCharsets.UTF_8)).toList();
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).contains("ai.marketplace.partner.WebhookEndpointRegistered.v1").doesNotContain("whsec_");
        assertThat(events.get(1)).contains("ai.marketplace.partner.WebhookEndpointUpdated.v1");
        assertThat(events.get(2)).contains("ai.marketplace.partner.WebhookEndpointPaused.v1");
        assertThat(events.get(3)).contains("ai.marketplace.partner.WebhookEndpointDeleted.v1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://10.0.0.1/hook", "https://192.168.0.10/hook", "https://172.20.1.1/hook",
            "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/", "https://[::ffff:10.1.1.1]/",
            "https://100.64.1.1/", "https://0.0.0.0/", "http://example.com/hook", "ftp://example.com/",
            "https://user:pw@example.com/", "not a url", "https://no-such-host.invalid/hook" })
    void aPrivateOrMalformedUrlIsRefusedAndNothingIsRegistered(String url) {
        String token = partner(CAPTURED);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body(url, CAPTURED)).post(ENDPOINTS)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("url"));
        given().auth().oauth2(token).get(ENDPOINTS).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void onlyGrantedPublicTypesAndOnlyByAnOperator() {
        String token = partner(CAPTURED);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/", CAPTURED, PUBLISHED))
                .post(ENDPOINTS).then().statusCode(403).contentType("application/problem+json").body("detail", containsString(PUBLISHED));
        String noGrants = partner();
        given().auth().oauth2(noGrants).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/", CAPTURED))
                .post(ENDPOINTS).then().statusCode(403);
        given().auth().oauth2(noGrants).get("/v1/partners/me/grants").then().statusCode(200).body("eventTypes.size()", equalTo(0));
        given().auth().oauth2(token).get("/v1/partners/me/grants").then().statusCode(200).body("eventTypes", hasItem(CAPTURED));

        // A partner cannot grant itself anything, nor read another's grants.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of(PUBLISHED)))
                .put("/v1/partners/anyone/grants").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).get("/v1/partners/anyone/grants").then().statusCode(403);
        // The private topic's types and malformed names are not grantable.
        String operator = TestTokens.operator("oscar");
        for (String t : List.of("ai.marketplace.settlement.private.FundsDeposited.v1", "ai.marketplace.partner.WebhookEndpointRegistered.v1",
                "x", "")) {
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of(t)))
                    .put("/v1/partners/someone/grants").then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(operator).get("/v1/partners/someone/grants").then().statusCode(200).body("eventTypes.size()", equalTo(0));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of()).put("/v1/partners/someone/grants")
                .then().statusCode(400);
    }

    @Test
    void onlyAnOperatorDisablesAndOnlyAnOperatorLiftsItsDisable() {
        String token = partner(CAPTURED);
        String id = register(token);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("state", "DISABLED"))
                .patch(ENDPOINTS + "/" + id).then().statusCode(403).contentType("application/problem+json");
        String operator = TestTokens.operator("oscar");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("state", "DISABLED"))
                .patch(ENDPOINTS + "/" + id).then().statusCode(200).body("state", equalTo("DISABLED")).body("disabledBy", equalTo("OPERATOR"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("state", "ACTIVE"))
                .patch(ENDPOINTS + "/" + id).then().statusCode(403);
        given().auth().oauth2(token).get(ENDPOINTS + "/" + id).then().body("state", equalTo("DISABLED"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("state", "ACTIVE"))
                .patch(ENDPOINTS + "/" + id).then().statusCode(200).body("state", equalTo("ACTIVE"));
    }

    @Test
    void badInputIsA4xxProblemAndChangesNothing() {
        String token = partner(CAPTURED);
        String id = register(token);
        long version = given().auth().oauth2(token).get(ENDPOINTS + "/" + id).then().extract().jsonPath().getLong("version");
        List<Object> bad = List.of(Map.of("state", "BOGUS"), Map.of("eventTypes", List.of()), Map.of("url", "https://10.0.0.1/"),
                Map.of("eventTypes", List.of(PUBLISHED)), Map.of("description", "x".repeat(501)), "[]");
        for (Object b : bad) {
            int status = given().auth().oauth2(token).contentType(ContentType.JSON).body(b).patch(ENDPOINTS + "/" + id)
                    .then().contentType("application/problem+json").extract().statusCode();
            assertThat(status).as("PATCH %s", b).isBetween(400, 499);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("overlapSeconds", 10_000_000))
                .post(ENDPOINTS + "/" + id + "/secret").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post(ENDPOINTS + "/" + id + "/replays").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("afterEventId", "x", "since", "2026-01-01T00:00:00Z"))
                .post(ENDPOINTS + "/" + id + "/replays").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("afterEventId", UUID.randomUUID().toString()))
                .post(ENDPOINTS + "/" + id + "/replays").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("since", "yesterday"))
                .post(ENDPOINTS + "/" + id + "/replays").then().statusCode(400);
        given().auth().oauth2(token).get(ENDPOINTS + "/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(token).get(ENDPOINTS + "/" + id + "/attempts?cursor=garbage").then().statusCode(400);
        given().auth().oauth2(token).get(ENDPOINTS + "/" + id).then().statusCode(200).body("version", equalTo((int) version))
                .body("eventTypes", org.hamcrest.Matchers.contains(CAPTURED)).body("url", equalTo("http://127.0.0.1:9/hook"));
    }

    @Test
    void withoutATokenOrTheRoleNothingIsAnswered() {
        given().get(ENDPOINTS).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.buyer("bob")).get(ENDPOINTS).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forged("mallory", "partner")).get(ENDPOINTS).then().statusCode(401);
        given().auth().oauth2(TestTokens.operator("oscar")).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/", CAPTURED))
                .post(ENDPOINTS).then().statusCode(403);
    }
}
