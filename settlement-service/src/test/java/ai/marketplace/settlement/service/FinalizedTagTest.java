package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Production finality: the node's {@code finalized} block decides, not a depth. Hardhat reports its latest block
 * as finalized, so here a deposit is credited in its own block, where the depth of 100 configured as the fallback
 * would make it wait a hundred blocks: only the tag can have credited it.
 */
@QuarkusTest
@TestProfile(FinalizedTagTest.Finalized.class)
class FinalizedTagTest {

    public static class Finalized implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.chain.finality", "FINALIZED", "marketplace.chain.confirmations", "100");
        }
    }

    @Test
    void theNodesFinalizedBlockDecidesWhenADepositIsCredited() throws Exception {
        JsonObject c = Funds.contracts();
        String user = "fz-" + UUID.randomUUID();
        String ref = Funds.account(user).getString("depositRef");
        long block = DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(2), ref,
                BigInteger.valueOf(1_234));
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(user).equals(BigInteger.valueOf(1_234)));
        long credited = given().auth().oauth2(TestTokens.buyer(user)).get("/v1/chain/status").then().statusCode(200)
                .extract().jsonPath().getLong("depositsCreditedTo");
        assertThat(credited).isGreaterThanOrEqualTo(block);
        assertThat(DevChain.blockNumber() - block).as("no block mined on top: the depth could not have done it")
                .isLessThan(100);
    }
}
