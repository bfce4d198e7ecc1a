package ai.marketplace.reputation.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.fuzz.ApiFuzzer;
import ai.marketplace.testsupport.fuzz.DatabaseState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every reputation operation in the service's own OpenAPI document, fuzzed (see {@link ApiFuzzer}). */
@QuarkusTest
class ApiFuzzTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noOperationFailsOrChangesStateOnHostileInput() throws Exception {
        String seller = TestTokens.subjectOf("fuzz-seller");
        String buyer = TestTokens.subjectOf("fuzz-reviewer");
        UUID asset = UUID.randomUUID();
        UUID version = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        try (var catalog = EventFeed.of(KafkaResource.bootstrapServers(), "catalog", "Asset");
                var settlement = EventFeed.of(KafkaResource.bootstrapServers(), "settlement", "Stake")) {
            catalog.send(asset.toString(), "AssetCreated", "{\"assetId\":\"" + asset + "\",\"ownerId\":\"" + seller
                    + "\",\"kind\":\"MODEL\",\"name\":\"fuzzed\",\"createdAt\":\"2026-11-01T00:00:00Z\"}");
            catalog.send(asset.toString(), "AssetVersionPublished", "{\"assetId\":\"" + asset + "\",\"versionId\":\"" + version
                    + "\",\"ownerId\":\"" + seller + "\",\"semver\":\"1.0.0\",\"digest\":\"" + "ab".repeat(32) + "\"}");
            catalog.send(order.toString(), "LicenceGranted", "{\"licenceId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + order
                    + "\",\"holderId\":\"" + buyer + "\",\"sellerId\":\"" + seller + "\",\"assetId\":\"" + asset + "\",\"amount\":\"10000000\"}");
            settlement.send("fuzz-stake", "StakeLocked", "{\"stakeId\":\"" + UUID.randomUUID() + "\",\"validatorId\":\""
                    + TestTokens.subjectOf("fuzz-validator") + "\",\"amount\":\"1000\"}");
        }
        String review = await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(TestTokens.buyer("fuzz-reviewer"))
                .contentType(ContentType.JSON).body("{\"basisType\":\"ORDER\",\"basisId\":\"" + order + "\",\"rating\":4,\"text\":\"fine\"}")
                .post("/v1/reviews").then().extract().path("id"), id -> id != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from validator_stake") > 0);

        var result = ApiFuzzer.against("http://127.0.0.1:" + port)
                .caller("reviewer (licence holder)", TestTokens.buyer("fuzz-reviewer"))
                .caller("seller", TestTokens.provider("fuzz-seller"))
                .caller("validator", TestTokens.validator("fuzz-validator"))
                .caller("operator", TestTokens.operator("fuzz-operator"))
                .ids("assetId", asset.toString()).ids("versionId", version.toString()).ids("basisId", order.toString())
                .ids("id", review).ids("providerId", seller).ids("subjectId", asset.toString(), seller)
                .state(DatabaseState.of(PostgresResource::connection, Set.of("outbox", "inbox"), Set.of()))
                .build().run();
        result.assertClean("reputation-service", 12);
    }

    static long count(String query) throws Exception {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
