package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** draft → update (If-Match) → publish → deprecate / delist, with who may do what, and the events. */
@QuarkusTest
class AssetLifecycleTest {

    static final String UPDATE = """
            {"name":"Renamed","summary":"s","description":"A longer description","task":"text-generation",
             "modality":"text","licence":"MIT","tags":["llm"],"links":[{"rel":"paper","url":"https://arxiv.org/abs/1"}]}""";

    @Test
    void aReadIsRevalidatedByItsETagUntilTheAssetChanges() throws SQLException {
        String owner = "rita-" + UUID.randomUUID();
        String asset = Catalog.draft(owner, "Revalidated");
        String token = Catalog.token(owner);
        String etag = given().auth().oauth2(token).get("/v1/assets/" + asset).then().statusCode(200)
                .header("Cache-Control", "private, no-cache").header("Vary", "Authorization").extract().header("ETag");

        // Unchanged: 304 without a body, with the same validator.
        var unchanged = given().auth().oauth2(token).header("If-None-Match", etag).get("/v1/assets/" + asset).then()
                .statusCode(304).header("ETag", etag).extract();
        assertThat(unchanged.body().asString()).isEmpty();
        given().auth().oauth2(token).header("If-None-Match", "\"41\", " + etag).get("/v1/assets/" + asset).then().statusCode(304);
        given().auth().oauth2(token).header("If-None-Match", "*").get("/v1/assets/" + asset).then().statusCode(304);

        // Changed: the old validator gets the new representation and the new validator.
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(UPDATE)
                .put("/v1/assets/" + asset).then().statusCode(200).header("Cache-Control", "no-store");
        given().auth().oauth2(token).header("If-None-Match", etag).get("/v1/assets/" + asset).then().statusCode(200)
                .header("ETag", "\"1\"").body("name", equalTo("Renamed"));
        // Revalidating never reveals what the caller may not read: someone else's draft is still absent.
        given().header("If-None-Match", "\"1\"").get("/v1/assets/" + asset).then().statusCode(404)
                .header("Cache-Control", "no-store");
        assertThat(name(asset)).isEqualTo("Renamed");
    }

    @Test
    void updateNeedsTheCurrentETag() throws SQLException {
        String owner = "uma-" + UUID.randomUUID();
        String asset = Catalog.draft(owner, "Original");
        String etag = given().auth().oauth2(Catalog.token(owner)).get("/v1/assets/" + asset).then().statusCode(200)
                .extract().header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(UPDATE)
                .put("/v1/assets/" + asset).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", "yesterday")
                .body(UPDATE).put("/v1/assets/" + asset).then().statusCode(400).body("errors[0].field", equalTo("If-Match"));

        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", etag).body(UPDATE)
                .put("/v1/assets/" + asset).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Renamed")).body("modality", equalTo("text")).body("links[0].rel", equalTo("paper"));

        // The same (now stale) ETag again: someone else's change would be overwritten.
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", etag)
                .body(UPDATE.replace("Renamed", "Lost update")).put("/v1/assets/" + asset).then().statusCode(412)
                .contentType("application/problem+json");
        given().get("/v1/assets/" + asset).then().statusCode(404); // still a draft
        assertThat(name(asset)).isEqualTo("Renamed");

        // Both SPDX id and custom text: ambiguous.
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(UPDATE.replace("\"licence\":\"MIT\"", "\"licence\":\"MIT\",\"licenceText\":\"my terms\""))
                .put("/v1/assets/" + asset).then().statusCode(400).body("errors[0].field", equalTo("body.licenceText"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(UPDATE.replace("https://arxiv.org/abs/1", "http://insecure.example/x"))
                .put("/v1/assets/" + asset).then().statusCode(400).body("errors[0].field", equalTo("body.links[0].url"));
    }

    @Test
    void concurrentUpdatesWithTheSameETagNeverBothWin() throws Exception {
        String owner = "ray-" + UUID.randomUUID();
        String asset = Catalog.draft(owner, "contended");
        String token = Catalog.token(owner);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = UPDATE.replace("Renamed", "writer " + i);
                results.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .header("If-Match", "\"0\"").body(body).put("/v1/assets/" + asset).statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var f : results) {
                codes.add(f.get());
            }
            assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
            assertThat(codes).allMatch(c -> c == 200 || c == 409 || c == 412);
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(token).get("/v1/assets/" + asset).then().header("ETag", "\"1\"");
    }

    @Test
    void onlyTheOwnerChangesAnAssetAndDraftsDoNotLeak() {
        String owner = "vic-" + UUID.randomUUID();
        String draft = Catalog.draft(owner, "secret draft");
        String[] pub = Catalog.published(owner, "public model");
        String other = TestTokens.provider("wes-" + UUID.randomUUID());

        // Another provider: a draft does not exist for them, a public asset is visible but not theirs.
        given().auth().oauth2(other).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(UPDATE)
                .put("/v1/assets/" + draft).then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(UPDATE)
                .put("/v1/assets/" + pub[0]).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(other).post("/v1/assets/" + pub[0] + "/publish").then().statusCode(403);
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{}")
                .post("/v1/assets/" + pub[0] + "/deprecate").then().statusCode(403);
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"reason\":\"mine now\"}")
                .post("/v1/assets/" + pub[0] + "/delist").then().statusCode(403);
        // Buyers are not providers at all.
        given().auth().oauth2(TestTokens.buyer("xena")).post("/v1/assets/" + pub[0] + "/publish").then().statusCode(403);
        given().post("/v1/assets/" + pub[0] + "/publish").then().statusCode(401);
        // Anyone sees the published asset.
        given().get("/v1/assets/" + pub[0]).then().statusCode(200).body("state", equalTo("PUBLISHED"));
    }

    @Test
    void publishingNeedsAPublishedVersionAPlanAndALicence() {
        String owner = "yan-" + UUID.randomUUID();
        String token = Catalog.token(owner);
        String asset = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"kind\":\"DATASET\",\"name\":\"unlicensed\"}").post("/v1/assets").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:asset-not-publishable"))
                .body("detail", containsString("version"));
        Catalog.version(owner, asset, "0.1.0", List.of(), List.of()); // a draft version is not enough
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(409)
                .body("detail", containsString("version"));
        Catalog.publishedVersion(owner, asset, "1.0.0", List.of(), List.of());
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(409)
                .body("detail", containsString("plan"));
        Catalog.plan(owner, asset);
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(409)
                .body("detail", containsString("licence"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"name\":\"licensed\",\"licenceText\":\"Research use only.\"}").put("/v1/assets/" + asset)
                .then().statusCode(200);
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("publishedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:asset-not-draft"));
    }

    @Test
    void deprecateAndDelistAndTheEventsTheyEmit() {
        String owner = "zoe-" + UUID.randomUUID();
        String token = Catalog.token(owner);
        String[] old = Catalog.published(owner, "old model");
        String[] successor = Catalog.published(owner, "new model");
        String draft = Catalog.draft(owner, "a draft");

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"successorAssetId\":\"" + draft + "\"}")
                .post("/v1/assets/" + old[0] + "/deprecate").then().statusCode(400)
                .body("errors[0].field", equalTo("body.successorAssetId"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"successorAssetId\":\"" + successor[0] + "\"}")
                .post("/v1/assets/" + old[0] + "/deprecate").then().statusCode(200)
                .body("state", equalTo("DEPRECATED")).body("successorAssetId", equalTo(successor[0]));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"3\"").body(UPDATE)
                .put("/v1/assets/" + old[0]).then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:asset-frozen"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"reason\":\" \"}")
                .post("/v1/assets/" + successor[0] + "/delist").then().statusCode(400);

        // An operator delists someone else's asset; the event says it was moderation.
        given().auth().oauth2(TestTokens.operator("olga")).contentType(ContentType.JSON)
                .body("{\"reason\":\"abuse report #7 upheld\"}").post("/v1/assets/" + successor[0] + "/delist")
                .then().statusCode(200).body("state", equalTo("DELISTED"));
        given().auth().oauth2(TestTokens.operator("olga")).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post("/v1/assets/" + successor[0] + "/delist").then().statusCode(409);
        given().auth().oauth2(TestTokens.operator("olga")).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .post("/v1/assets/" + UUID.randomUUID() + "/delist").then().statusCode(404);

        var events = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.catalog.v1", successor[0], 5,
                Duration.ofSeconds(60));
        List<String> types = events.stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .map(e -> e.getString("type").replace("ai.marketplace.catalog.", "")).distinct().toList();
        assertThat(types).containsSubsequence("AssetCreated.v1", "AssetVersionPublished.v1", "PricingPlanCreated.v1",
                "AssetPublished.v1", "AssetDelisted.v1");
        JsonObject delisted = events.stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .filter(e -> e.getString("type").endsWith("AssetDelisted.v1")).findFirst().orElseThrow();
        assertThat(delisted.getJsonObject("data").getBoolean("byOperator")).isTrue();
        assertThat(delisted.getJsonObject("data").getString("reason")).isEqualTo("abuse report #7 upheld");

        Set<String> oldTypes = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.catalog.v1", old[0], 5,
                Duration.ofSeconds(60)).stream()
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getString("type"))
                .collect(Collectors.toSet());
        assertThat(oldTypes).contains("ai.marketplace.catalog.AssetDeprecated.v1");
        given().get("/v1/assets/" + old[0]).then().statusCode(200).body("state", equalTo("DEPRECATED"));
        given().auth().oauth2(token).get("/v1/assets/mine").then().body("items.id", hasItem(old[0]));
    }

    static String name(String asset) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement();
                var rs = st.executeQuery("select name from asset where id = '" + asset + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
