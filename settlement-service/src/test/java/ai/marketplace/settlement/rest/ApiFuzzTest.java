package ai.marketplace.settlement.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.fuzz.ApiFuzzer;
import ai.marketplace.testsupport.fuzz.DatabaseState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every settlement operation in the service's own OpenAPI document, fuzzed (see {@link ApiFuzzer}) by funded
 * callers: amounts at 0, −1 and 2^256 must never move money. The deposit watcher's cursor is background state.
 */
@QuarkusTest
class ApiFuzzTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noOperationFailsOrChangesStateOnHostileInput() throws Exception {
        Funds.fund("fuzz-payer", 1_000_000);
        Funds.fund("fuzz-validator", 1_000_000);
        String stake = given().auth().oauth2(TestTokens.validator("fuzz-validator")).contentType(ContentType.JSON)
                .body("{\"amount\":\"1000\"}").post("/v1/stakes").then().statusCode(201).extract().path("correlationId");
        String transfer = given().auth().oauth2(TestTokens.buyer("fuzz-payer")).get("/v1/accounts/me/transfers").then()
                .statusCode(200).extract().path("items[0].transferId");
        assertThat(stake).isNotNull();
        assertThat(transfer).isNotNull();

        var result = ApiFuzzer.against("http://127.0.0.1:" + port)
                .caller("payer", TestTokens.buyer("fuzz-payer"))
                .caller("validator", TestTokens.validator("fuzz-validator"))
                .caller("provider", TestTokens.provider("fuzz-provider"))
                .caller("operator", TestTokens.operator("fuzz-operator"))
                .ids("stakeId", stake).ids("id", transfer)
                .state(DatabaseState.of(PostgresResource::connection, Set.of("outbox", "inbox"), Set.of("chain_cursor")))
                .build().run();
        result.assertClean("settlement-service", 16);
        Funds.assertInvariants();
    }
}
