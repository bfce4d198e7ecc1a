package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The platform's HTTP hardening as a client meets it on a real service: security headers, the body size limit,
 * CORS for the gateway origin only, per-client write rate limits and token validation (issuer, audience,
 * expiry, signature). Runs with a tiny write allowance so the limit is reached in a few calls.
 */
@QuarkusTest
@TestProfile(HttpHardeningTest.SmallAllowance.class)
class HttpHardeningTest {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.test-port")
    int port;

    public static class SmallAllowance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.http.write-rate-limit.enabled", "true",
                    "marketplace.http.write-rate-limit.burst", "3",
                    "marketplace.http.write-rate-limit.per-minute", "1",
                    "marketplace.http.max-body-size", "16K",
                    "marketplace.http.allowed-origins", "https://market.example.com");
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersEvenErrors() {
        for (var response : new io.restassured.response.Response[] { given().get("/v1/search"),
                given().get("/v1/assets/" + java.util.UUID.randomUUID()), given().post("/v1/assets") }) {
            response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        given().header("X-Forwarded-Proto", "https").get("/v1/search").then()
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsReadAndCreatesNothing() throws SQLException {
        long before = assets();
        String huge = "{\"kind\":\"MODEL\",\"name\":\"big\",\"summary\":\"" + "x".repeat(20_000) + "\"}";
        given().auth().oauth2(TestTokens.provider("big-body")).contentType(ContentType.JSON).body(huge)
                .post("/v1/assets").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:payload-too-large"))
                .body("detail", equalTo("The request body may be at most 16384 bytes"));
        assertThat(assets()).isEqualTo(before);
    }

    @Test
    void aRequestLineOrHeadersOverTheLimitGetAProblemNotAClosedConnection() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/search?q="
                + "%C3%A9".repeat(3_000))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(414);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/problem+json");
        res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/search"))
                .header("X-Padding", "x".repeat(40_000)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(431);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void browsersMayCallOnlyFromTheGatewayOrigin() {
        given().header("Origin", "https://market.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").options("/v1/assets")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://market.example.com");
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/v1/assets").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.net").get("/v1/search").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void writesBeyondTheAllowanceGet429WithRetryAfterPerClient() throws SQLException {
        String greedy = TestTokens.provider("greedy");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(greedy).contentType(ContentType.JSON).body("{\"kind\":\"MODEL\",\"name\":\"m" + i + "\"}")
                    .post("/v1/assets").then().statusCode(201).header("RateLimit-Remaining", equalTo(Integer.toString(2 - i)));
        }
        long before = assets();
        given().auth().oauth2(greedy).contentType(ContentType.JSON).body("{\"kind\":\"MODEL\",\"name\":\"one too many\"}")
                .post("/v1/assets").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).header("X-Request-Id", notNullValue())
                .body("type", equalTo("urn:ai-marketplace:problem:rate-limited"));
        assertThat(assets()).as("a refused write changes nothing").isEqualTo(before);
        // Reads are not limited, and another client has its own allowance.
        given().auth().oauth2(greedy).get("/v1/assets/mine").then().statusCode(200);
        given().auth().oauth2(TestTokens.provider("modest")).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"fine\"}").post("/v1/assets").then().statusCode(201);
        // A forged token naming the same subject is not that client: it cannot spend (or reset) its allowance.
        given().auth().oauth2(TestTokens.forged("modest", "provider")).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"forged\"}").post("/v1/assets").then().statusCode(401);
    }

    @Test
    void tokensAreValidatedForIssuerAudienceExpiryAndSignature() {
        for (String token : new String[] { TestTokens.wrongIssuer("tok", "provider"),
                TestTokens.wrongAudience("tok", "provider"), TestTokens.forged("tok", "provider"), "not.a.jwt" }) {
            given().auth().oauth2(token).get("/v1/assets/mine").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                    .body("detail", org.hamcrest.Matchers.equalTo("A valid bearer token is required"));
        }
        // An expired token is told so, with when, and the challenge says why (RFC 6750).
        given().auth().oauth2(TestTokens.expired("tok", "provider")).get("/v1/assets/mine").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer error=\"invalid_token\""))
                .body("detail", org.hamcrest.Matchers.startsWith("The bearer token expired at "));
        given().auth().oauth2(TestTokens.provider("tok")).get("/v1/assets/mine").then().statusCode(200);
    }

    private static long assets() throws SQLException {
        try (var c = PostgresResource.connection(); var rs = c.createStatement().executeQuery("select count(*) from asset")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
