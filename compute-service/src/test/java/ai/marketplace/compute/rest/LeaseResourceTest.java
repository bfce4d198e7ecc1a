package ai.marketplace.compute.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LeaseResourceTest {

    @Test
    void rentersSeeOnlyTheirOwnLeasesWithExactAmounts() throws Exception {
        String renter = "kate-" + UUID.randomUUID();
        // uint256-scale amounts survive the round trip as decimal strings.
        String huge = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        UUID lease = UUID.randomUUID();
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute("insert into lease (id, renter_id, offer_id, gpus, hours, price_per_gpu_hour, max_amount, state, created_at, updated_at) values ('"
                    + lease + "', '" + TestTokens.subjectOf(renter) + "', gen_random_uuid(), 4, 3, 1500000, " + huge
                    + ", 'REQUESTED', now(), now())");
        }
        given().auth().oauth2(TestTokens.buyer(renter)).get("/v1/leases").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(lease.toString()))
                .body("items[0].pricePerGpuHour", equalTo("1500000"))
                .body("items[0].maxAmount", equalTo(huge));
        given().auth().oauth2(TestTokens.buyer("someone-else-" + UUID.randomUUID())).get("/v1/leases").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void leasesNeedAToken() {
        given().get("/v1/leases").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.buyer("x")).queryParam("limit", -1).get("/v1/leases").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
