package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Plans are integers in base units, shaped by their type, and never edited: replacing archives. */
@QuarkusTest
class PlanResourceTest {

    @Test
    void plansAreValidatedByType() {
        String owner = "gus-" + UUID.randomUUID();
        String asset = Catalog.draft(owner, "priced");
        String[][] bad = {
                { "{\"type\":\"ONE_TIME\",\"price\":\"0\"}", "body.price" },
                { "{\"type\":\"ONE_TIME\",\"price\":\"-5\"}", "body.price" },
                { "{\"type\":\"ONE_TIME\",\"price\":\"1.5\"}", "body.price" },
                { "{\"type\":\"ONE_TIME\",\"price\":1000}", "body.price" },
                { "{\"type\":\"ONE_TIME\",\"price\":\"1" + "0".repeat(78) + "\"}", "body.price" },
                { "{\"type\":\"ONE_TIME\"}", "body.price" },
                { "{\"type\":\"RENTAL\",\"price\":\"10\"}", "body.type" },
                { "{\"type\":\"PAY_PER_USE\",\"price\":\"10\"}", "body.unit" },
                { "{\"type\":\"SUBSCRIPTION\",\"price\":\"10\"}", "body.periodDays" },
                { "{\"type\":\"SUBSCRIPTION\",\"price\":\"10\",\"periodDays\":0}", "body.periodDays" },
                { "{\"type\":\"ONE_TIME\",\"price\":\"10\",\"unit\":\"request\"}", "body.type" },
        };
        for (String[] c : bad) {
            given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON).body(c[0])
                    .post("/v1/assets/" + asset + "/plans").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(c[1]));
        }
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body("{\"type\":\"PAY_PER_USE\",\"price\":\"" + max + "\",\"unit\":\"1k-tokens\"}")
                .post("/v1/assets/" + asset + "/plans").then().statusCode(201).body("price", equalTo(max))
                .body("unit", equalTo("1k-tokens"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body("{\"type\":\"SUBSCRIPTION\",\"price\":\"30000000\",\"periodDays\":30}")
                .post("/v1/assets/" + asset + "/plans").then().statusCode(201).body("periodDays", equalTo(30));
    }

    @Test
    void replacingAPlanArchivesItAndOnlyTheOwnerSeesArchivedOnes() {
        String owner = "hal-" + UUID.randomUUID();
        String[] pub = Catalog.published(owner, "repriced");
        String old = given().get("/v1/assets/" + pub[0] + "/plans").then().statusCode(200).body("", hasSize(1))
                .extract().path("[0].id");

        String fresh = given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body("{\"type\":\"ONE_TIME\",\"price\":\"7000000\"}")
                .post("/v1/assets/" + pub[0] + "/plans/" + old + "/replace").then().statusCode(201)
                .body("replacesPlanId", equalTo(old)).body("state", equalTo("ACTIVE")).extract().path("id");

        given().get("/v1/assets/" + pub[0] + "/plans").then().statusCode(200).body("", hasSize(1))
                .body("[0].id", equalTo(fresh)).body("[0].price", equalTo("7000000"));
        given().get("/v1/assets/" + pub[0] + "/plans?includeArchived=true").then().body("", hasSize(1));
        given().auth().oauth2(Catalog.token(owner)).get("/v1/assets/" + pub[0] + "/plans?includeArchived=true")
                .then().body("", hasSize(2)).body("find { it.id == '" + old + "' }.state", equalTo("ARCHIVED"));

        given().auth().oauth2(Catalog.token(owner)).post("/v1/assets/" + pub[0] + "/plans/" + old + "/archive")
                .then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:plan-archived"));
        given().auth().oauth2(Catalog.token(owner)).contentType(ContentType.JSON)
                .body("{\"type\":\"ONE_TIME\",\"price\":\"1\"}")
                .post("/v1/assets/" + pub[0] + "/plans/" + old + "/replace").then().statusCode(409);
        given().auth().oauth2(Catalog.token(owner)).post("/v1/assets/" + pub[0] + "/plans/" + UUID.randomUUID() + "/archive")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.provider("intruder")).post("/v1/assets/" + pub[0] + "/plans/" + fresh + "/archive")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.buyer("buyer")).contentType(ContentType.JSON)
                .body("{\"type\":\"ONE_TIME\",\"price\":\"1\"}").post("/v1/assets/" + pub[0] + "/plans").then().statusCode(403);
        given().auth().oauth2(Catalog.token(owner)).post("/v1/assets/" + pub[0] + "/plans/" + fresh + "/archive")
                .then().statusCode(200).body("state", equalTo("ARCHIVED"));
    }
}
