package ai.marketplace.compute.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A request by requirements reads only the best-ranked offers of the model (here two), from one bounded query:
 * its work does not grow with the market. The third-cheapest offer, which would admit the renter, is not read.
 */
@QuarkusTest
@TestProfile(BoundedMatchingTest.TwoCandidates.class)
class BoundedMatchingTest {

    public static class TwoCandidates implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.compute.matching-candidates", "2");
        }
    }

    @Test
    void onlyTheBestRankedCandidatesAreRead() {
        String model = "B-" + UUID.randomUUID().toString().substring(0, 8);
        String renter = "renter-" + model;
        LeaseRequestTest.offer("cheap-" + model, model, "eu-west", 80, 4, "1000", TestTokens.subjectOf(renter));
        LeaseRequestTest.offer("mid-" + model, model, "eu-west", 80, 4, "1001", TestTokens.subjectOf(renter));
        LeaseRequestTest.offer("dear-" + model, model, "eu-west", 80, 4, "1002", null);
        String body = "{\"requirements\":{\"gpuModel\":\"" + model + "\"},\"gpus\":1,\"hours\":1}";
        given().auth().oauth2(TestTokens.buyer(renter)).contentType(ContentType.JSON).body(body).post("/v1/leases").then()
                .statusCode(409).body("excludedBy.tenant", equalTo(2)).body("excludedBy.capacity", nullValue());
    }
}
