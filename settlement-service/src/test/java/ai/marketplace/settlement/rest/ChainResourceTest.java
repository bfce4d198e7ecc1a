package ai.marketplace.settlement.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.HardhatResource;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Settlement talks to a real EVM node: chain id and blocks come from Hardhat, not from configuration. */
@QuarkusTest
class ChainResourceTest {

    @Test
    void statusReportsTheRealChainAndFollowsNewBlocks() throws Exception {
        String token = TestTokens.buyer("liam");
        long before = Long.parseLong(given().auth().oauth2(token).get("/v1/chain/status").then().statusCode(200)
                .body("chainId", equalTo(1337)).body("chainIdMatches", equalTo(true))
                .body("finality", equalTo("DEPTH")).body("confirmations", equalTo(2))
                .extract().path("blockNumber"));
        HardhatResource.node().rpcResult("evm_mine");
        given().auth().oauth2(token).get("/v1/chain/status").then().statusCode(200)
                .body("blockNumber", equalTo(Long.toString(before + 1)));
        given().get("/v1/chain/status").then().statusCode(401);
    }

    @Test
    void readinessIncludesTheChainAndItsContracts() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("Chain RPC")));
    }
}
