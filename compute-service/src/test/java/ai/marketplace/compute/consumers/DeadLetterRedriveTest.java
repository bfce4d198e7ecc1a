package ai.marketplace.compute.consumers;

import static ai.marketplace.compute.consumers.LeaseLifecycleTest.awaitState;
import static ai.marketplace.compute.consumers.LeaseLifecycleTest.held;
import static ai.marketplace.compute.consumers.LeaseLifecycleTest.lease;
import static ai.marketplace.compute.consumers.LeaseLifecycleTest.setup;
import static ai.marketplace.compute.consumers.LeaseLifecycleTest.sql;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * A payment answer the consumer could not apply (here a database rule refuses the activation) is dead-lettered;
 * once the cause is fixed an operator re-drives it: it is applied once, the decision is recorded, and neither a
 * second re-drive nor a replay of the original applies it again.
 */
@QuarkusTest
class DeadLetterRedriveTest {

    static final String DLQ = "marketplace.settlement.v1.dlq.compute";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void aDeadLetteredPaymentAnswerIsReDrivenOnceAndAppliedOnce() throws Exception {
        var s = setup(null);
        String leaseId = lease(s, 1, 1);
        String rule = "redrive_" + leaseId.replace("-", "").substring(0, 12);
        sql("alter table lease add constraint " + rule + " check (state <> 'ACTIVE' or id <> '" + leaseId + "')");
        UUID eventId = UUID.randomUUID();
        String data = held(leaseId, UUID.randomUUID(), "1000");
        try (EventFeed settlement = EventFeed.of(KafkaResource.bootstrapServers(), "settlement", "Hold")) {
            settlement.send(leaseId, eventId, "PaymentHeld", data);
            String operatorName = "ops-" + UUID.randomUUID();
            String operator = TestTokens.operator(operatorName);
            JsonObject dead = await().atMost(PATIENCE).until(() -> deadLetter(operator, eventId), d -> d != null);
            assertThat(dead.getString("eventType")).isEqualTo("ai.marketplace.settlement.PaymentHeld.v1");
            assertThat(dead.getString("sourceTopic")).isEqualTo("marketplace.settlement.v1");
            assertThat(dead.getValue("decision")).isNull();
            String at = "/v1/operations/compute/dead-letters/" + DLQ + "/" + dead.getInteger("partition") + "/" + dead.getLong("offset");
            given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                    .post(at + "/redrive").then().statusCode(403);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"\"}")
                    .post(at + "/redrive").then().statusCode(400);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                    .post("/v1/operations/compute/dead-letters/" + DLQ + "/0/999999999/redrive").then().statusCode(404);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                    .post("/v1/operations/catalog/dead-letters/" + DLQ + "/0/0/redrive").then().statusCode(404);
            // Still refused while the cause is there: 422, and nothing is recorded.
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"too early\"}")
                    .post(at + "/redrive").then().statusCode(422)
                    .body("type", equalTo("urn:ai-marketplace:problem:dead-letter-refused"));
            awaitState(s, leaseId, "REQUESTED");

            sql("alter table lease drop constraint " + rule);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"activation rule fixed\"}")
                    .post(at + "/redrive").then().statusCode(200).body("decision.action", equalTo("REDRIVEN"))
                    .body("decision.outcome", equalTo("APPLIED")).body("decision.reason", equalTo("activation rule fixed"));
            awaitState(s, leaseId, "ACTIVE");
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                    .post(at + "/redrive").then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:dead-letter-decided"));
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                    .post(at + "/discard").then().statusCode(409);
            // The original, redelivered, is a duplicate for the inbox; a marker after it (same partition) shows it was read.
            settlement.send(leaseId, eventId, "PaymentHeld", data);
            String marker = lease(s, 1, 1);
            settlement.send(marker, "PaymentHeld", held(marker, UUID.randomUUID(), "1000"));
            awaitState(s, marker, "ACTIVE");
            JsonPath listed = given().auth().oauth2(operator).queryParam("channel", "settlement-events").get("/v1/operations/compute/dead-letters")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(listed.getString("find { it.eventId == '" + eventId + "' }.decision.operatorId"))
                    .isEqualTo(TestTokens.subjectOf(operatorName));
            given().auth().oauth2(operator).queryParam("undecided", true).get("/v1/operations/compute/dead-letters").then()
                    .statusCode(200).body("eventId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(eventId.toString())));
            given().auth().oauth2(operator).queryParam("channel", "nope").get("/v1/operations/compute/dead-letters").then()
                    .statusCode(404);
        }
        // Applied once: one LeaseActivated, whatever was re-driven or replayed.
        assertThat(count(leaseId, "LeaseActivated")).isEqualTo(1);
    }

    // --- helpers ---

    static JsonObject deadLetter(String operator, UUID eventId) {
        List<Map<String, Object>> all = given().auth().oauth2(operator).get("/v1/operations/compute/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return all.stream().map(JsonObject::new).filter(d -> eventId.toString().equals(d.getString("eventId"))).findFirst()
                .orElse(null);
    }

    static long count(String lease, String event) {
        String type = "ai.marketplace.compute." + event + ".v1";
        return TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.compute.v1", lease, 1, PATIENCE).stream()
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .filter(e -> e.getString("type").equals(type)).count();
    }
}
