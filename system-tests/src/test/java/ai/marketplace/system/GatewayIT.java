package ai.marketplace.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * What an integrator meets at the gateway besides the API: links that stay on the gateway, each service's OpenAPI
 * document and one Swagger UI whose Authorize button signs in with Keycloak (authorization code + PKCE).
 */
@ExtendWith(SystemStack.class)
class GatewayIT {

    @Test
    void locationAndNextLinksStartWithTheGatewaysBaseUrl() {
        String provider = SystemStack.token("provider2");
        for (int i = 0; i < 2; i++) {
            String location = given().auth().oauth2(provider).contentType(ContentType.JSON)
                    .body("{\"kind\":\"DATASET\",\"name\":\"gateway links " + i + "\"}").post(SystemStack.gateway + "/v1/assets")
                    .then().statusCode(201).extract().header("Location");
            assertThat(location).startsWith(SystemStack.gateway + "/v1/assets/");
            given().auth().oauth2(provider).get(location).then().statusCode(200);
        }
        String next = SystemStack.get(provider, "/v1/assets/mine?limit=1").getString("next");
        assertThat(next).startsWith(SystemStack.gateway + "/v1/assets/mine?");
        given().auth().oauth2(provider).get(next).then().statusCode(200);
    }

    @Test
    void eachServicesDocumentIsServedForTheBrowserInFrontOfTheGateway() {
        for (String service : new String[] { "catalog", "compute", "settlement", "reputation", "partner" }) {
            JsonPath doc = given().get(SystemStack.gateway + "/q/openapi/" + service).then().statusCode(200)
                    .contentType("application/json").extract().jsonPath();
            assertThat(doc.getString("info.title")).isEqualTo(service + "-service API");
            assertThat(doc.getString("servers[0].url")).isEqualTo(SystemStack.gateway);
            assertThat(doc.getString("components.securitySchemes.oidc.type")).isEqualTo("openIdConnect");
            // The discovery document it names is the realm's, and it offers the code flow with PKCE.
            JsonPath discovery = given().get(doc.getString("components.securitySchemes.oidc.openIdConnectUrl")).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(discovery.getList("code_challenge_methods_supported")).contains("S256");
        }
        given().get(SystemStack.gateway + "/q/openapi/nothing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theWholePublicApiIsServedAsTheOneCommittedDocument() throws Exception {
        io.vertx.core.json.JsonObject served = new io.vertx.core.json.JsonObject(given().get(SystemStack.gateway + "/q/openapi")
                .then().statusCode(200).contentType("application/json").extract().asString());
        io.vertx.core.json.JsonObject committed = new io.vertx.core.json.JsonObject(java.nio.file.Files.readString(
                ai.marketplace.testsupport.host.RepoRoot.get().resolve("docs/openapi/marketplace-v1.json")));
        assertThat(served.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo(SystemStack.gateway);
        // Only where to send requests and how the browser signs in differ from the committed document.
        for (io.vertx.core.json.JsonObject doc : java.util.List.of(served, committed)) {
            doc.remove("servers");
            doc.getJsonObject("components").remove("securitySchemes");
        }
        assertThat(served.getJsonObject("paths").fieldNames()).isEqualTo(committed.getJsonObject("paths").fieldNames());
        assertThat(served).isEqualTo(committed);
    }

    @Test
    void swaggerUiSignsInWithKeycloakUsingTheCodeFlowAndPkce() throws Exception {
        String html = given().get(SystemStack.gateway + "/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertThat(html).contains("{url:'/q/openapi',name:'all services'}", "/q/openapi/catalog", "/q/openapi/compute", "/q/openapi/settlement", "/q/openapi/reputation", "/q/openapi/partner")
                .contains("clientId: 'marketplace-web'").contains("usePkceWithAuthorizationCodeGrant: true");
        for (String asset : new String[] { "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css",
                "oauth2-redirect.html" }) {
            given().get(SystemStack.gateway + "/q/swagger-ui/" + asset).then().statusCode(200);
        }
        given().get(SystemStack.gateway + "/q/swagger-ui/../../etc/passwd").then().statusCode(404);

        // What the Authorize button does: Keycloak accepts the redirect back to the gateway's Swagger UI and a
        // PKCE challenge for the public client, and shows its login page.
        String verifier = "swagger-ui-verifier-" + "x".repeat(40);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = given().get(SystemStack.gateway + "/q/openapi/catalog").then().extract().jsonPath()
                .getString("components.securitySchemes.oidc.openIdConnectUrl");
        String endpoint = given().get(authorize).then().extract().jsonPath().getString("authorization_endpoint");
        String page = given().redirects().follow(false).queryParam("client_id", "marketplace-web")
                .queryParam("redirect_uri", SystemStack.gateway + "/q/swagger-ui/oauth2-redirect.html")
                .queryParam("response_type", "code").queryParam("scope", "openid").queryParam("state", "s")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .get(endpoint).then().statusCode(200).extract().asString();
        assertThat(page).containsIgnoringCase("username").doesNotContainIgnoringCase("invalid parameter");
    }
}
