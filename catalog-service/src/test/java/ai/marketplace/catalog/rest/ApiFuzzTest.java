package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.fuzz.ApiFuzzer;
import ai.marketplace.testsupport.fuzz.DatabaseState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every catalog operation in the service's own OpenAPI document, fuzzed (see {@link ApiFuzzer}) with real
 * tokens for provider, buyer and operator and existing ids, so hostile input reaches deep into the resources.
 */
@QuarkusTest
class ApiFuzzTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noOperationFailsOrChangesStateOnHostileInput() {
        String provider = "fuzz-provider";
        String buyer = "fuzz-buyer";
        String[] published = Catalog.published(provider, "Fuzz target " + UUID.randomUUID());
        String asset = published[0];
        String plan = given().get("/v1/assets/" + asset + "/plans").then().extract().path("[0].id");
        String draft = Catalog.draft(provider, "Fuzz draft");
        String order = given().auth().oauth2(TestTokens.buyer(buyer)).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then()
                .statusCode(201).extract().path("id");
        try (var feed = EventFeed.of(KafkaResource.bootstrapServers(), "settlement", "Hold")) {
            feed.send(order, "PaymentHeld", "{\"holdId\":\"" + UUID.randomUUID() + "\",\"correlationType\":\"ORDER\",\"correlationId\":\""
                    + order + "\",\"payerId\":\"" + TestTokens.subjectOf(buyer) + "\",\"amount\":\"5000000\"}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "FULFILLED".equals(given().auth().oauth2(TestTokens.buyer(buyer))
                .get("/v1/orders/" + order).then().extract().path("state")));
        String licence = given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/licences").then().extract().path("items[0].id");
        String report = given().auth().oauth2(TestTokens.buyer(buyer)).contentType(ContentType.JSON)
                .body("{\"category\":\"MALWARE\",\"details\":\"fuzz fixture\"}").post("/v1/assets/" + asset + "/abuse-reports")
                .then().statusCode(201).extract().path("id");

        var result = ApiFuzzer.against("http://127.0.0.1:" + port)
                .caller("provider (owner)", TestTokens.provider(provider))
                .caller("other provider", TestTokens.provider("fuzz-other"))
                .caller("buyer", TestTokens.buyer(buyer))
                .caller("operator", TestTokens.operator("fuzz-operator"))
                .ids("assetId", asset, draft).ids("id", asset, draft, order, licence, TestTokens.subjectOf(provider))
                .ids("/v1/abuse-reports/{id}/resolve:id", String.valueOf(report))
                .ids("planId", plan).ids("versionId", published[1])
                .state(DatabaseState.of(PostgresResource::connection, Set.of("outbox", "inbox"), Set.of()))
                .build().run();
        result.assertClean("catalog-service", 29);
    }
}
