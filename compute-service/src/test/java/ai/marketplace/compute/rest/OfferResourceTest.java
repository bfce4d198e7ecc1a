package ai.marketplace.compute.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** GPU offers: who may change them, what is validated, how the market lists them, and their events. */
@QuarkusTest
class OfferResourceTest {

    static String body(String region, String model, int vram, int gpus, String price) {
        return "{\"region\":\"" + region + "\",\"gpuModel\":\"" + model + "\",\"vramGb\":" + vram + ",\"gpuCount\":" + gpus
                + ",\"cpuCores\":64,\"ramGb\":512,\"pricePerGpuHour\":\"" + price + "\",\"minHours\":1,\"maxHours\":72,"
                + "\"allowedTenants\":[],\"deniedTenants\":[\"blocked-tenant\"]}";
    }

    static String publish(String provider, String body) {
        return given().auth().oauth2(TestTokens.provider(provider)).contentType(ContentType.JSON).body(body)
                .post("/v1/offers").then().statusCode(201).body("state", equalTo("ONLINE")).extract().path("id");
    }

    @Test
    void providersPublishReviseDrainAndWithdrawTheirOffers() {
        String p = "gpu-" + UUID.randomUUID();
        String id = publish(p, body("eu-west", "H100-80GB", 80, 8, "2500000"));
        given().auth().oauth2(TestTokens.provider(p)).get("/v1/offers/" + id).then().statusCode(200)
                .header("ETag", "\"0\"").body("deniedTenants", hasItem("blocked-tenant")).body("availableGpus", equalTo(8));
        // Others see the offer, not who is denied.
        given().get("/v1/offers/" + id).then().statusCode(200).body("deniedTenants", nullValue());

        String other = TestTokens.provider("rival-" + UUID.randomUUID());
        given().auth().oauth2(other).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body("eu-west", "H100-80GB", 80, 8, "1")).put("/v1/offers/" + id).then().statusCode(403);
        given().auth().oauth2(other).delete("/v1/offers/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.buyer("renter")).contentType(ContentType.JSON).body(body("eu-west", "x", 1, 1, "1"))
                .post("/v1/offers").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body("eu-west", "x", 1, 1, "1")).post("/v1/offers").then().statusCode(401);

        String token = TestTokens.provider(p);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("eu-west", "H100-80GB", 80, 8, "2000000"))
                .put("/v1/offers/" + id).then().statusCode(428);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"3\"")
                .body(body("eu-west", "H100-80GB", 80, 8, "2000000")).put("/v1/offers/" + id).then().statusCode(412);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body("eu-west", "H100-80GB", 80, 8, "2000000")).put("/v1/offers/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("pricePerGpuHour", equalTo("2000000"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"state\":\"DRAINING\"}")
                .post("/v1/offers/" + id + "/state").then().statusCode(200).body("state", equalTo("DRAINING"));
        given().get("/v1/offers?gpuModel=H100-80GB&limit=100").then().body("items.id", not(hasItem(id)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"state\":\"BROKEN\"}")
                .post("/v1/offers/" + id + "/state").then().statusCode(400);
        given().auth().oauth2(token).delete("/v1/offers/" + id).then().statusCode(200).body("state", equalTo("WITHDRAWN"));
        given().get("/v1/offers/" + id).then().statusCode(404);
        given().auth().oauth2(token).delete("/v1/offers/" + id).then().statusCode(409);
        given().auth().oauth2(token).get("/v1/offers/mine").then().statusCode(200).body("items.id", hasItem(id));

        List<String> types = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.compute.v1", id, 4,
                Duration.ofSeconds(60)).stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .map(e -> e.getString("type").replace("ai.marketplace.compute.", "")).toList();
        assertThat(types).containsExactly("OfferPublished.v1", "OfferUpdated.v1", "OfferUpdated.v1", "OfferWithdrawn.v1");
    }

    @Test
    void everyFieldIsValidated() throws SQLException {
        String p = "val-" + UUID.randomUUID();
        String good = body("us-east", "A100-40GB", 40, 4, "1000");
        String[][] bad = { { "\"vramGb\":40", "\"vramGb\":0", "body.vramGb" }, { "\"gpuCount\":4", "\"gpuCount\":5000", "body.gpuCount" },
                { "\"pricePerGpuHour\":\"1000\"", "\"pricePerGpuHour\":\"0\"", "body.pricePerGpuHour" },
                { "\"pricePerGpuHour\":\"1000\"", "\"pricePerGpuHour\":\"-3\"", "body.pricePerGpuHour" },
                { "\"pricePerGpuHour\":\"1000\"", "\"pricePerGpuHour\":1.5", "body.pricePerGpuHour" },
                { "\"maxHours\":72", "\"maxHours\":0", "body.maxHours" }, { "\"minHours\":1", "\"minHours\":100", "body.maxHours" },
                { "\"region\":\"us-east\"", "\"region\":\"US East\"", "body.region" },
                { "\"allowedTenants\":[]", "\"allowedTenants\":[\"blocked-tenant\"]", "body.deniedTenants" },
                { "\"cpuCores\":64", "\"cpuCores\":\"many\"", "body.cpuCores" } };
        long before = count();
        for (String[] b : bad) {
            given().auth().oauth2(TestTokens.provider(p)).contentType(ContentType.JSON).body(good.replace(b[0], b[1]))
                    .post("/v1/offers").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(b[2]));
        }
        assertThat(count()).isEqualTo(before);
        given().get("/v1/offers/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        for (String q : new String[] { "minVramGb=0", "maxPrice=cheap", "minAvailableGpus=-1", "limit=500", "cursor=%%%" }) {
            given().get("/v1/offers?" + q).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void theMarketListsOnlineOffersCheapestFirstWithFiltersAndPaging() throws SQLException {
        String p = "mkt-" + UUID.randomUUID();
        String model = "L40S-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(publish(p, body(i % 2 == 0 ? "eu-west" : "us-east", model, 24 + i * 8, 1 + i, Integer.toString(1000 + (6 - i) * 100))));
        }
        // Two GPUs of the cheapest offer are leased: it has fewer available.
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute("update offer set allocated_gpus = 2 where id = '" + ids.get(6) + "'");
            // The database itself refuses oversubscription.
            assertThatThrownBy(() -> st.execute("update offer set allocated_gpus = gpu_count + 1 where id = '" + ids.get(0) + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("offer_check");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("gpuModel", model).queryParam("limit", 3)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get("/v1/offers").then().statusCode(200)
                    .extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(all).extracting(m -> (String) m.get("id")).containsExactlyElementsOf(ids.reversed());
        assertThat(all).extracting(m -> new BigInteger((String) m.get("pricePerGpuHour"))).isSorted();

        assertThat(given().get("/v1/offers?gpuModel=" + model + "&region=eu-west&limit=100").then().extract().jsonPath()
                .getList("items.id")).containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(4), ids.get(6));
        assertThat(given().get("/v1/offers?gpuModel=" + model + "&minVramGb=56&limit=100").then().extract().jsonPath()
                .getList("items.id")).containsExactlyInAnyOrder(ids.get(4), ids.get(5), ids.get(6));
        assertThat(given().get("/v1/offers?gpuModel=" + model + "&maxPrice=1200&limit=100").then().extract().jsonPath()
                .getList("items.id")).containsExactlyInAnyOrder(ids.get(4), ids.get(5), ids.get(6));
        assertThat(given().get("/v1/offers?gpuModel=" + model + "&minAvailableGpus=5&limit=100").then().extract().jsonPath()
                .getList("items.id")).containsExactlyInAnyOrder(ids.get(4), ids.get(5), ids.get(6));
        assertThat(given().get("/v1/offers?gpuModel=" + model + "&minAvailableGpus=6&limit=100").then().extract().jsonPath()
                .getList("items.id")).containsExactlyInAnyOrder(ids.get(5));

        // Capacity promised to leases cannot be taken away.
        String token = TestTokens.provider(p);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body("eu-west", model, 72, 1, "1000")).put("/v1/offers/" + ids.get(6)).then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:capacity-in-use"));
        given().auth().oauth2(token).delete("/v1/offers/" + ids.get(6)).then().statusCode(409);
    }

    static long count() throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery("select count(*) from offer")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
