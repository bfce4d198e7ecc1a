package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The asset API as integrators meet it: auth, validation, visibility and problem+json on every error. */
@QuarkusTest
class AssetResourceTest {

    @Test
    void providerCreatesDraftThatOnlyTheOwnerSees() {
        String token = TestTokens.provider("alice");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("""
                        {"kind":"MODEL","name":"  Llama fine-tune ","summary":"A chat model","task":"text-generation",
                         "licence":"Apache-2.0","tags":["llm","chat","llm"]}""")
                .when().post("/v1/assets")
                .then().statusCode(201)
                .header("Location", containsString("/v1/assets/"))
                .header("X-Request-Id", notNullValue())
                .body("name", equalTo("Llama fine-tune"))
                .body("state", equalTo("DRAFT"))
                .body("tags", hasSize(2))
                .body("ownerId", equalTo(TestTokens.subjectOf("alice")))
                .extract().path("id");

        given().auth().oauth2(token).when().get("/v1/assets/" + id).then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(token).when().get("/v1/assets/mine").then().statusCode(200).body("items.id", hasItem(id));
        // Someone else's draft does not exist for them, nor for anonymous callers.
        given().auth().oauth2(TestTokens.provider("mallory")).when().get("/v1/assets/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:not-found"));
        given().when().get("/v1/assets/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.provider("mallory")).when().get("/v1/assets/mine")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void ownAssetsArePagedWithAnOpaqueCursor() {
        String token = TestTokens.provider("pager-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"kind\":\"DATASET\",\"name\":\"set " + i + "\"}")
                    .post("/v1/assets").then().statusCode(201);
        }
        var first = given().auth().oauth2(token).queryParam("limit", 2).get("/v1/assets/mine")
                .then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue()).extract();
        String cursor = first.path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/assets/mine")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo("set 0"))
                .body("next", equalTo(null));
        given().auth().oauth2(token).queryParam("limit", 0).get("/v1/assets/mine")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("limit", 1000).get("/v1/assets/mine").then().statusCode(400);
        given().auth().oauth2(token).queryParam("cursor", "%%%not-a-cursor").get("/v1/assets/mine")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(token).queryParam("cursor", "Zm9vPWJhcg").get("/v1/assets/mine")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void badInputIsAClear4xxAndChangesNothing() throws SQLException {
        String token = TestTokens.provider("bob");
        long before = countAssets();

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kind\":\"MODEL\",")
                .post("/v1/assets").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:malformed-json"))
                .body("detail", not(containsString("com.fasterxml")));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kind\":\"MODEL\",\"name\":\" \"}")
                .post("/v1/assets").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:validation-failed"))
                .body("errors.field", hasItem("body.name"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kind\":\"ROBOT\",\"name\":\"x\"}")
                .post("/v1/assets").then().statusCode(400).body("errors.field", hasItem("body.kind"));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"x\",\"tags\":[\"Not A Slug\"],\"licence\":\"MIT; drop table\"}")
                .post("/v1/assets").then().statusCode(400)
                .body("errors.field", hasItem("body.tags[0]"))
                .body("errors.field", hasItem("body.licence"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("null")
                .post("/v1/assets").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(token).contentType(ContentType.TEXT).body("hello")
                .post("/v1/assets").then().statusCode(415).contentType("application/problem+json");

        given().auth().oauth2(token).get("/v1/assets/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");

        given().auth().oauth2(token).get("/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");

        assertThat(countAssets()).isEqualTo(before);
    }

    @Test
    void authIsEnforcedWithProblemAnswers() throws SQLException {
        long before = countAssets();
        String body = "{\"kind\":\"MODEL\",\"name\":\"x\"}";
        given().contentType(ContentType.JSON).body(body).post("/v1/assets")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
        given().auth().oauth2("not.a.token").contentType(ContentType.JSON).body(body).post("/v1/assets")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("dave", "provider")).contentType(ContentType.JSON).body(body)
                .post("/v1/assets").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.buyer("carol")).contentType(ContentType.JSON).body(body)
                .post("/v1/assets").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:forbidden"));
        given().get("/v1/assets/mine").then().statusCode(401);
        assertThat(countAssets()).isEqualTo(before);
    }

    static long countAssets() throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement();
                var rs = st.executeQuery("select count(*) from asset")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
