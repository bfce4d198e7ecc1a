package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;

import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A validator's stake is real money in escrow: locked and released through the ledger, announced to reputation. */
@QuarkusTest
class StakeTest {

    @Test
    void stakeIsLockedFromTheAvailableBalanceAndReleasedBackWithEvents() throws Exception {
        String validator = "val-" + UUID.randomUUID();
        Funds.fund(validator, 2_000);
        String token = TestTokens.validator(validator);
        given().auth().oauth2(TestTokens.buyer(validator)).contentType(ContentType.JSON).body("{\"amount\":\"1\"}")
                .post("/v1/stakes").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"5000\"}").post("/v1/stakes").then()
                .statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:insufficient-funds")).body("available", equalTo("2000"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"0\"}").post("/v1/stakes").then().statusCode(400);
        String stake = given().auth().oauth2(token).header("Idempotency-Key", "stake-" + validator).contentType(ContentType.JSON)
                .body("{\"amount\":\"1500\"}").post("/v1/stakes").then().statusCode(201).body("state", equalTo("HELD"))
                .extract().path("correlationId");
        given().auth().oauth2(token).header("Idempotency-Key", "stake-" + validator).contentType(ContentType.JSON)
                .body("{\"amount\":\"1500\"}").post("/v1/stakes").then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(Funds.available(validator)).isEqualTo(BigInteger.valueOf(500));
        assertThat(Funds.held(validator)).isEqualTo(BigInteger.valueOf(1_500));
        var locked = Funds.events(stake, 1).get(0);
        assertThat(locked.getString("type")).isEqualTo("ai.marketplace.settlement.StakeLocked.v1");
        assertThat(locked.getJsonObject("data").getString("validatorId")).isEqualTo(TestTokens.subjectOf(validator));

        given().auth().oauth2(TestTokens.validator("other-" + UUID.randomUUID())).post("/v1/stakes/" + stake + "/release")
                .then().statusCode(404);
        given().auth().oauth2(token).post("/v1/stakes/" + stake + "/release").then().statusCode(200).body("state", equalTo("RELEASED"));
        given().auth().oauth2(token).post("/v1/stakes/" + stake + "/release").then().statusCode(409);
        assertThat(Funds.available(validator)).isEqualTo(BigInteger.valueOf(2_000));
        assertThat(Funds.types(Funds.events(stake, 2))).containsExactly("StakeLocked", "StakeReleased");
        Funds.assertInvariants();
    }

    @Test
    void aStakeInAnOpenRoundCannotBeReleasedAndAnOutlierIsSlashedToInsuranceOnceEvenWhenThePenaltyIsReplayed() throws Exception {
        String validator = "slashed-" + UUID.randomUUID();
        String subject = TestTokens.subjectOf(validator);
        Funds.fund(validator, 10_000);
        String token = TestTokens.validator(validator);
        String stake = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"8000\"}")
                .post("/v1/stakes").then().statusCode(201).extract().path("correlationId");
        UUID version = UUID.randomUUID();
        long insuranceBefore = Funds.sqlLong("select balance from account where kind = 'INSURANCE'");
        try (EventFeed reputation = EventFeed.of(KafkaResource.bootstrapServers(), "reputation", "AssetVersion")) {
            reputation.send(version.toString(), "AttestationSubmitted", "{\"versionId\":\"" + version + "\",\"assetId\":\""
                    + UUID.randomUUID() + "\",\"validatorId\":\"" + subject + "\"}");
            await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from stake_commitment where validator_id = '"
                    + subject + "'") == 1);
            given().auth().oauth2(token).post("/v1/stakes/" + stake + "/release").then().statusCode(409)
                    .body("type", equalTo("urn:ai-marketplace:problem:stake-committed")).body("openRounds", equalTo(1));

            // The penalty names the stake and one of somebody else's: only the validator's own stake loses anything.
            String strangers = "{\"stakeId\":\"" + UUID.randomUUID() + "\",\"amount\":\"500\"}";
            UUID penalty = UUID.randomUUID();
            String data = "{\"validatorId\":\"" + subject + "\",\"versionId\":\"" + version + "\",\"stakes\":[{\"stakeId\":\""
                    + stake + "\",\"amount\":\"800\"}," + strangers + "]}";
            reputation.send(subject, penalty, "ValidatorPenalised", data);
            await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select slashed from hold where correlation_id = '" + stake + "'") == 800);
            // A replay of the same event (same id) and a forged duplicate from another service's name change nothing.
            reputation.send(subject, penalty, "ValidatorPenalised", data);
            try (EventFeed forger = EventFeed.of(KafkaResource.bootstrapServers(), "catalog", "Validator")) {
                forger.send(subject, "ValidatorPenalised", data);
            }
            reputation.send(version.toString(), "AttestationRoundClosed", "{\"versionId\":\"" + version + "\",\"assetId\":\""
                    + UUID.randomUUID() + "\",\"outcome\":\"VERIFIED\",\"validators\":[\"" + subject + "\"]}");
            await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from stake_commitment where validator_id = '"
                    + subject + "'") == 0);
            // An attestation read after its round closed (a replay) commits nothing.
            reputation.send(version.toString(), "AttestationSubmitted", "{\"versionId\":\"" + version + "\",\"assetId\":\""
                    + UUID.randomUUID() + "\",\"validatorId\":\"" + subject + "\"}");
        }
        var slashed = Funds.events(stake, 2).stream().filter(e -> e.getString("type").endsWith("StakeSlashed.v1")).toList();
        assertThat(slashed).hasSize(1);
        assertThat(slashed.get(0).getJsonObject("data").getString("amount")).isEqualTo("800");
        assertThat(slashed.get(0).getJsonObject("data").getString("versionId")).isEqualTo(version.toString());
        assertThat(Funds.sqlLong("select balance from account where kind = 'INSURANCE'")).isEqualTo(insuranceBefore + 800);
        assertThat(Funds.sqlLong("select count(*) from transfer where kind = 'SLASH' and correlation_id = '" + stake + "'")).isEqualTo(1);
        // A partly slashed stake still held: escrow matches what is left of the open holds.
        Funds.assertInvariants();

        given().auth().oauth2(token).post("/v1/stakes/" + stake + "/release").then().statusCode(200)
                .body("state", equalTo("RELEASED")).body("slashed", equalTo("800")).body("released", equalTo("7200"));
        assertThat(Funds.available(validator)).isEqualTo(BigInteger.valueOf(9_200));
        assertThat(Funds.held(validator)).isZero();
        var released = Funds.events(stake, 3).stream().filter(e -> e.getString("type").endsWith("StakeReleased.v1")).toList();
        assertThat(released.get(0).getJsonObject("data").getString("amount")).isEqualTo("7200");
        Funds.assertInvariants();
    }
}
