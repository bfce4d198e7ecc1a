package ai.marketplace.compute.rest;

import static io.restassured.RestAssured.given;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.fuzz.ApiFuzzer;
import ai.marketplace.testsupport.fuzz.DatabaseState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every compute operation in the service's own OpenAPI document, fuzzed (see {@link ApiFuzzer}). */
@QuarkusTest
class ApiFuzzTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noOperationFailsOrChangesStateOnHostileInput() {
        String offer = LeaseRequestTest.offer("fuzz-gpu-provider", "H100", "eu-fuzz", 80, 8, "1000", null);
        String lease = given().auth().oauth2(TestTokens.buyer("fuzz-renter")).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + offer + "\",\"gpus\":1,\"hours\":2}").post("/v1/leases").then().statusCode(201)
                .extract().path("id");

        var result = ApiFuzzer.against("http://127.0.0.1:" + port)
                .caller("provider (owner)", TestTokens.provider("fuzz-gpu-provider"))
                .caller("other provider", TestTokens.provider("fuzz-other"))
                .caller("renter", TestTokens.buyer("fuzz-renter"))
                .caller("operator", TestTokens.operator("fuzz-operator"))
                .ids("offerId", offer).ids("id", offer, lease)
                .state(DatabaseState.of(PostgresResource::connection, Set.of("outbox", "inbox"), Set.of()))
                .build().run();
        result.assertClean("compute-service", 15);
    }
}
