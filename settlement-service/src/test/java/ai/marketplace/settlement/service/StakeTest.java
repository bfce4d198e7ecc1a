package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
}
