package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every protected endpoint against every kind of caller that must not pass, with valid bodies so that only the
 * caller differs. The owner's and the right role's successes are covered by the other tests.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    record Call(String method, String path, String body) {
    }

    record Expect(String caller, String token, int status) {
    }

    @Test
    void nobodyGetsPastTheirRoleOrOwnership() {
        String owner = "own-" + UUID.randomUUID();
        String[] pub = Catalog.published(owner, "guarded");
        String draft = Catalog.draft(owner, "guarded draft");
        String version = given().get("/v1/assets/" + pub[0] + "/versions").then().extract().path("[0].id");
        String plan = given().get("/v1/assets/" + pub[0] + "/plans").then().extract().path("[0].id");
        String buyerName = "buy-" + UUID.randomUUID();
        String order = given().auth().oauth2(TestTokens.buyer(buyerName)).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + pub[0] + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then()
                .statusCode(201).extract().path("id");
        String report = given().auth().oauth2(TestTokens.buyer(buyerName)).contentType(ContentType.JSON)
                .body("{\"category\":\"OTHER\"}").post("/v1/assets/" + pub[0] + "/abuse-reports").then().statusCode(201)
                .extract().path("id");

        String anon = null;
        String buyer = TestTokens.buyer("b-" + UUID.randomUUID());
        String otherProvider = TestTokens.provider("p-" + UUID.randomUUID());
        String operator = TestTokens.operator("o-" + UUID.randomUUID());
        String details = "{\"name\":\"x\",\"licence\":\"MIT\"}";
        String versionBody = Catalog.versionBody("9.9.9", List.of(), List.of());
        String planBody = "{\"type\":\"ONE_TIME\",\"price\":\"1\"}";
        String a = "/v1/assets/" + pub[0];

        List<Object[]> matrix = List.of(
                row(new Call("POST", "/v1/assets", "{\"kind\":\"MODEL\",\"name\":\"x\"}"), 401, 403, -1, 403),
                row(new Call("GET", "/v1/assets/mine", null), 401, -1, -1, -1),
                row(new Call("PUT", a, details), 401, 403, 403, 403),
                row(new Call("PUT", "/v1/assets/" + draft, details), 401, 403, 404, 403),
                row(new Call("POST", a + "/publish", null), 401, 403, 403, 403),
                row(new Call("POST", a + "/deprecate", "{}"), 401, 403, 403, 403),
                row(new Call("POST", a + "/delist", "{\"reason\":\"r\"}"), 401, 403, 403, -1),
                row(new Call("POST", a + "/versions", versionBody), 401, 403, 403, 403),
                row(new Call("POST", a + "/versions/" + version + "/publish", null), 401, 403, 403, 403),
                row(new Call("POST", a + "/plans", planBody), 401, 403, 403, 403),
                row(new Call("POST", a + "/plans/" + plan + "/archive", null), 401, 403, 403, 403),
                row(new Call("POST", a + "/plans/" + plan + "/replace", planBody), 401, 403, 403, 403),
                row(new Call("GET", "/v1/assets/" + draft, null), 404, 404, 404, 404),
                row(new Call("GET", "/v1/assets/" + draft + "/versions", null), 404, 404, 404, 404),
                row(new Call("GET", "/v1/assets/" + draft + "/plans", null), 404, 404, 404, 404),
                row(new Call("GET", "/v1/assets/" + draft + "/lineage", null), 404, 404, 404, 404),
                row(new Call("POST", "/v1/orders", "{\"assetId\":\"" + pub[0] + "\",\"planId\":\"" + plan + "\"}"), 401, -1, 403, 403),
                row(new Call("GET", "/v1/orders", null), 401, -1, -1, -1),
                row(new Call("GET", "/v1/orders/" + order, null), 401, 404, 404, 404),
                row(new Call("GET", "/v1/licences", null), 401, -1, -1, -1),
                row(new Call("GET", "/v1/licences/" + UUID.randomUUID(), null), 401, 404, 404, 404),
                row(new Call("POST", "/v1/licences/" + UUID.randomUUID() + "/revoke", "{\"reason\":\"r\"}"), 401, 403, 403, 404),
                row(new Call("POST", "/v1/licences/verify", "{\"accessKey\":\"lk_x\"}"), 401, 403, -1, 403),
                row(new Call("PUT", "/v1/publishers/me", "{\"displayName\":\"x\"}"), 401, 403, -1, 403),
                row(new Call("POST", a + "/abuse-reports", "{\"category\":\"OTHER\"}"), 401, -1, -1, -1),
                row(new Call("GET", "/v1/abuse-reports", null), 401, 403, 403, -1),
                row(new Call("POST", "/v1/abuse-reports/" + report + "/resolve", "{\"resolution\":\"DISMISSED\",\"note\":\"n\"}"), 401, 403, 403, -1));

        List<String> wrong = new ArrayList<>();
        String[] names = { "anonymous", "buyer", "another provider", "operator" };
        String[] tokens = { anon, buyer, otherProvider, operator };
        for (Object[] r : matrix) {
            Call call = (Call) r[0];
            for (int i = 0; i < 4; i++) {
                int expected = (int) r[i + 1];
                if (expected < 0) {
                    continue; // allowed for this caller: covered by the functional tests
                }
                var req = given();
                if (tokens[i] != null) {
                    req = req.auth().oauth2(tokens[i]);
                }
                if (call.body() != null) {
                    req = req.contentType(ContentType.JSON).body(call.body());
                }
                if (call.method().equals("PUT")) {
                    req = req.header("If-Match", "\"0\"");
                }
                Response res = req.request(call.method(), call.path());
                if (res.statusCode() != expected || !res.contentType().startsWith("application/problem+json")) {
                    wrong.add(call.method() + " " + call.path() + " as " + names[i] + ": " + res.statusCode()
                            + " " + res.contentType() + " (expected " + expected + " problem+json)");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    static Object[] row(Call call, int anonymous, int buyer, int otherProvider, int operator) {
        return new Object[] { call, anonymous, buyer, otherProvider, operator };
    }
}
