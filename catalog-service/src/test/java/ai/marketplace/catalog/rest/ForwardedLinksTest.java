package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Links a client receives through the gateway point at the gateway: {@code Location} and the paging {@code next}
 * link carry the forwarded host and scheme when a trusted proxy (loopback, where the local gateway runs) sends
 * them. {@link ForwardedLinksUntrustedTest} shows they are ignored from anyone else.
 */
@QuarkusTest
class ForwardedLinksTest {

    static final String PUBLIC = "https://api.marketplace.test:8443";

    static String created(String token, Map<String, String> headers) {
        return given().auth().oauth2(token).headers(headers).contentType(ContentType.JSON)
                .body("{\"kind\":\"DATASET\",\"name\":\"forwarded " + UUID.randomUUID() + "\"}")
                .post("/v1/assets").then().statusCode(201).extract().header("Location");
    }

    @Test
    void locationAndNextLinkCarryTheForwardedBaseUrl() {
        String token = TestTokens.provider("forwarded-" + UUID.randomUUID());
        Map<String, String> xForwarded = Map.of("X-Forwarded-Host", "api.marketplace.test:8443", "X-Forwarded-Proto", "https");
        String location = created(token, xForwarded);
        assertThat(location).startsWith(PUBLIC + "/v1/assets/");
        created(token, xForwarded);

        String next = given().auth().oauth2(token).headers(xForwarded).queryParam("limit", 1).get("/v1/assets/mine")
                .then().statusCode(200).extract().path("next");
        assertThat(next).startsWith(PUBLIC + "/v1/assets/mine?").contains("limit=1").contains("cursor=");

        // The standard header (RFC 7239) works the same way.
        String viaForwarded = created(token, Map.of("Forwarded", "proto=https;host=\"api.marketplace.test:8443\""));
        assertThat(viaForwarded).startsWith(PUBLIC + "/v1/assets/");
    }
}
