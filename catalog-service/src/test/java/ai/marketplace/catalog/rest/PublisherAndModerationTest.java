package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class PublisherAndModerationTest {

    static final String PROFILE = "{\"displayName\":\"Acme AI\",\"description\":\"We train things\","
            + "\"website\":\"https://acme.example\",\"payoutAddress\":\"0xAbCdEf0123456789abcdef0123456789ABCDEF01\"}";

    @Test
    void publishersKeepAPublicProfileWithOptimisticConcurrency() {
        String owner = "ian-" + UUID.randomUUID();
        String id = TestTokens.subjectOf(owner);
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(PROFILE).put("/v1/publishers/me")
                .then().statusCode(200).header("ETag", "\"0\"").body("id", equalTo(id))
                .body("payoutAddress", equalTo("0xabcdef0123456789abcdef0123456789abcdef01"));
        given().get("/v1/publishers/" + id).then().statusCode(200).body("displayName", equalTo("Acme AI"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(PROFILE.replace("Acme AI", "Acme"))
                .put("/v1/publishers/me").then().statusCode(428);
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", "\"5\"")
                .body(PROFILE).put("/v1/publishers/me").then().statusCode(412);
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(PROFILE.replace("Acme AI", "Acme")).put("/v1/publishers/me").then().statusCode(200)
                .header("ETag", "\"1\"").body("displayName", equalTo("Acme"));

        for (String[] bad : new String[][] { { "0xAbCdEf0123456789abcdef0123456789ABCDEF01", "0x123" },
                { "https://acme.example", "http://acme.example" }, { "\"Acme AI\"", "\" \"" } }) {
            given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(PROFILE.replace(bad[0], bad[1])).put("/v1/publishers/me").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(TestTokens.buyer(owner)).contentType(ContentType.JSON).body(PROFILE)
                .put("/v1/publishers/me").then().statusCode(403);
        given().get("/v1/publishers/nobody-" + UUID.randomUUID()).then().statusCode(404);

        String[] pub = Catalog.published(owner, "by acme");
        String draft = Catalog.draft(owner, "acme draft");
        given().get("/v1/publishers/" + id + "/assets").then().statusCode(200).body("items.id", hasItem(pub[0]))
                .body("items.id", not(hasItem(draft)));
    }

    @Test
    void reportsAreQueuedForOperatorsWhoDismissOrDelist() {
        String owner = "jon-" + UUID.randomUUID();
        String[] pub = Catalog.published(owner, "reported");
        String[] other = Catalog.published(owner, "also reported");
        String reporter = TestTokens.buyer("kim-" + UUID.randomUUID());
        String operator = TestTokens.operator("ops");

        String report = given().auth().oauth2(reporter).contentType(ContentType.JSON)
                .body("{\"category\":\"MALWARE\",\"details\":\"the weights file ships a pickle exploit\"}")
                .post("/v1/assets/" + pub[0] + "/abuse-reports").then().statusCode(201).body("state", equalTo("OPEN"))
                .extract().path("id");
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body("{\"category\":\"MALWARE\"}")
                .post("/v1/assets/" + pub[0] + "/abuse-reports").then().statusCode(409);
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body("{\"category\":\"SPAM\"}")
                .post("/v1/assets/" + pub[0] + "/abuse-reports").then().statusCode(400).body("errors[0].field", equalTo("body.category"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body("{\"category\":\"OTHER\"}")
                .post("/v1/assets/" + pub[0] + "/abuse-reports").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"category\":\"OTHER\"}")
                .post("/v1/assets/" + pub[0] + "/abuse-reports").then().statusCode(401);
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body("{\"category\":\"OTHER\"}")
                .post("/v1/assets/" + UUID.randomUUID() + "/abuse-reports").then().statusCode(404);
        String dismissed = given().auth().oauth2(reporter).contentType(ContentType.JSON).body("{\"category\":\"MISLEADING\"}")
                .post("/v1/assets/" + other[0] + "/abuse-reports").then().statusCode(201).extract().path("id");

        // Only operators see the queue and resolve.
        given().auth().oauth2(reporter).get("/v1/abuse-reports").then().statusCode(403);
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body("{\"resolution\":\"DISMISSED\",\"note\":\"mine\"}").post("/v1/abuse-reports/" + report + "/resolve")
                .then().statusCode(403);
        given().auth().oauth2(operator).get("/v1/abuse-reports?state=OPEN&limit=100").then().statusCode(200)
                .body("items.id", hasItem(report));
        given().auth().oauth2(operator).get("/v1/abuse-reports?state=maybe").then().statusCode(400);

        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"resolution\":\"DISMISSED\",\"note\":\"not misleading\"}")
                .post("/v1/abuse-reports/" + dismissed + "/resolve").then().statusCode(200).body("resolution", equalTo("DISMISSED"));
        given().get("/v1/assets/" + other[0]).then().body("state", equalTo("PUBLISHED"));

        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"resolution\":\"DELISTED\",\"note\":\"confirmed malicious payload\"}")
                .post("/v1/abuse-reports/" + report + "/resolve").then().statusCode(200).body("state", equalTo("RESOLVED"));
        given().get("/v1/assets/" + pub[0]).then().statusCode(200).body("state", equalTo("DELISTED"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"resolution\":\"DELISTED\",\"note\":\"again\"}")
                .post("/v1/abuse-reports/" + report + "/resolve").then().statusCode(409);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"resolution\":\"DELISTED\",\"note\":\"x\"}")
                .post("/v1/abuse-reports/" + UUID.randomUUID() + "/resolve").then().statusCode(404);
        given().auth().oauth2(operator).get("/v1/abuse-reports?state=RESOLVED&limit=100").then()
                .body("items.id", hasItem(report)).body("items.id", hasItem(dismissed));

        var delisted = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.catalog.v1", pub[0], 5,
                Duration.ofSeconds(60)).stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .filter(e -> e.getString("type").endsWith("AssetDelisted.v1")).toList();
        assertThat(delisted).hasSize(1);
        assertThat(delisted.get(0).getJsonObject("data").getBoolean("byOperator")).isTrue();
        assertThat(delisted.get(0).getJsonObject("data").getString("reason")).contains(report);
        given().get("/v1/search?publisher=" + TestTokens.subjectOf(owner)).then().body("items", hasSize(1));
    }
}
