package ai.marketplace.compute.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** Lease requests: capacity never oversubscribed under concurrency, and a clear answer when nothing fits. */
@QuarkusTest
class LeaseRequestTest {

    static String offer(String provider, String model, String region, int vram, int gpus, String price, String denied) {
        return given().auth().oauth2(TestTokens.provider(provider)).contentType(ContentType.JSON)
                .body("{\"region\":\"" + region + "\",\"gpuModel\":\"" + model + "\",\"vramGb\":" + vram + ",\"gpuCount\":" + gpus
                        + ",\"cpuCores\":32,\"ramGb\":256,\"pricePerGpuHour\":\"" + price + "\",\"minHours\":1,\"maxHours\":24,"
                        + "\"deniedTenants\":[" + (denied == null ? "" : "\"" + denied + "\"") + "]}")
                .post("/v1/offers").then().statusCode(201).extract().path("id");
    }

    @Test
    void twoHundredConcurrentRequestsNeverTakeMoreThanTwentyGpus() throws Exception {
        String model = "C-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            offers.add(offer("farm-" + i + "-" + model, model, "eu-west", 80, 4, Integer.toString(1000 + i), null));
        }
        String body = "{\"requirements\":{\"gpuModel\":\"" + model + "\"},\"gpus\":1,\"hours\":2}";
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String renter = TestTokens.buyer("renter-" + i + "-" + model);
            calls.add(pool.submit(() -> given().auth().oauth2(renter).contentType(ContentType.JSON).body(body).post("/v1/leases")));
        }
        int granted = 0;
        List<String> unexpected = new ArrayList<>();
        for (Future<Response> f : calls) {
            Response r = f.get();
            if (r.statusCode() == 201) {
                granted++;
            } else if (r.statusCode() != 409 || !"urn:ai-marketplace:problem:no-capacity".equals(r.jsonPath().getString("type"))
                    || r.jsonPath().getInt("excludedBy.capacity") < 1) {
                unexpected.add(r.statusCode() + " " + r.asString());
            }
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();
        assertThat(granted).isEqualTo(20);
        // The invariant, from the database: every offer exactly full, and its allocation equals its leases.
        for (String o : offers) {
            assertThat(queryLong("select allocated_gpus from offer where id = '" + o + "'")).isEqualTo(4);
            assertThat(queryLong("select coalesce(sum(gpus), 0) from lease where offer_id = '" + o
                    + "' and state in ('REQUESTED', 'ACTIVE')")).isEqualTo(4);
        }
    }

    @Test
    void whenNothingFitsTheAnswerSaysWhy() {
        String model = "E-" + UUID.randomUUID().toString().substring(0, 8);
        String renterName = "picky-" + UUID.randomUUID();
        String renter = TestTokens.subjectOf(renterName);
        offer("p1-" + model, model, "eu-west", 80, 8, "9000", null);      // too expensive
        offer("p2-" + model, model, "eu-west", 16, 8, "1000", null);      // too little VRAM
        offer("p3-" + model, model, "us-east", 80, 8, "1000", null);      // other region
        offer("p4-" + model, model, "eu-west", 80, 8, "1000", renter);    // denies this renter
        offer("p5-" + model, model, "eu-west", 80, 2, "1000", null);      // too few GPUs
        given().auth().oauth2(TestTokens.buyer(renterName)).contentType(ContentType.JSON)
                .body("{\"requirements\":{\"gpuModel\":\"" + model + "\",\"minVramGb\":40,\"region\":\"eu-west\",\"maxPricePerGpuHour\":\"5000\"},\"gpus\":4,\"hours\":3}")
                .post("/v1/leases").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:no-capacity"))
                .body("excludedBy.price", equalTo(1)).body("excludedBy.vram", equalTo(1)).body("excludedBy.region", equalTo(1))
                .body("excludedBy.tenant", equalTo(1)).body("excludedBy.capacity", equalTo(1))
                .body("detail", containsString("1 offer is too expensive")).body("detail", containsString("1 offer does not accept you"));
    }

    @Test
    void aSpecificOfferIdempotentlyWithItsMaximumCost() throws SQLException {
        String model = "S-" + UUID.randomUUID().toString().substring(0, 8);
        String offerId = offer("solo-" + model, model, "eu-west", 80, 8, "2500000", null);
        String renter = TestTokens.buyer("r-" + model);
        String body = "{\"offerId\":\"" + offerId + "\",\"gpus\":4,\"hours\":3}";
        String lease = given().auth().oauth2(renter).header("Idempotency-Key", "k-" + model).contentType(ContentType.JSON)
                .body(body).post("/v1/leases").then().statusCode(201).body("state", equalTo("REQUESTED"))
                .body("maxAmount", equalTo("30000000")).extract().path("id");
        given().auth().oauth2(renter).header("Idempotency-Key", "k-" + model).contentType(ContentType.JSON).body(body)
                .post("/v1/leases").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(lease));
        assertThat(queryLong("select allocated_gpus from offer where id = '" + offerId + "'")).isEqualTo(4);

        JsonObject requested = new JsonObject(new String(TopicReader.byKey(KafkaResource.bootstrapServers(),
                "marketplace.compute.v1", lease, 1, Duration.ofSeconds(60)).get(0).value(), StandardCharsets.UTF_8));
        assertThat(requested.getString("type")).isEqualTo("ai.marketplace.compute.LeaseRequested.v1");
        assertThat(requested.getJsonObject("data").getString("maxAmount")).isEqualTo("30000000");

        given().auth().oauth2(renter).contentType(ContentType.JSON).body("{\"offerId\":\"" + offerId + "\",\"gpus\":4,\"hours\":48}")
                .post("/v1/leases").then().statusCode(409).body("excludedBy.hours", equalTo(1));
        given().auth().oauth2(renter).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + offerId + "\",\"requirements\":{},\"gpus\":1,\"hours\":1}").post("/v1/leases")
                .then().statusCode(400).body("errors[0].field", equalTo("body.offerId"));
        given().auth().oauth2(renter).contentType(ContentType.JSON).body("{\"gpus\":1,\"hours\":1}").post("/v1/leases")
                .then().statusCode(400);
        given().auth().oauth2(renter).contentType(ContentType.JSON).body("{\"offerId\":\"" + offerId + "\",\"gpus\":0,\"hours\":1}")
                .post("/v1/leases").then().statusCode(400).body("errors[0].field", equalTo("body.gpus"));
        given().auth().oauth2(renter).contentType(ContentType.JSON).body("{\"offerId\":\"" + UUID.randomUUID() + "\",\"gpus\":1,\"hours\":1}")
                .post("/v1/leases").then().statusCode(400).body("errors[0].field", equalTo("body.offerId"));
        given().auth().oauth2(TestTokens.provider("solo-" + model)).contentType(ContentType.JSON).body("{\"state\":\"DRAINING\"}")
                .post("/v1/offers/" + offerId + "/state").then().statusCode(200);
        given().auth().oauth2(renter).contentType(ContentType.JSON).body("{\"offerId\":\"" + offerId + "\",\"gpus\":1,\"hours\":1}")
                .post("/v1/leases").then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:offer-not-online"));
        given().auth().oauth2(TestTokens.provider("x")).contentType(ContentType.JSON).body(body).post("/v1/leases").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).post("/v1/leases").then().statusCode(401);
        given().auth().oauth2(renter).get("/v1/leases").then().statusCode(200).body("items[0].id", equalTo(lease));
    }

    static long queryLong(String q) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(q)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
