package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;

/**
 * Deposits to no known reference leave SUSPENSE only by an operator's decision: credited to a user, or refunded on
 * chain to whoever sent them. Once per deposit, by transfer, with the decision kept; with real Hardhat, PostgreSQL
 * and Kafka.
 */
@QuarkusTest
class SuspenseResolutionTest {

    @Inject
    PayoutService payouts;

    static String unknownDeposit(int funded, long amount) throws Exception {
        JsonObject c = Funds.contracts();
        String ref = "0x" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(funded), ref, BigInteger.valueOf(amount));
        DevChain.mine(1);
        String hex = ref.substring(2);
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from deposit where state = 'UNMATCHED'"
                + " and account_ref = decode('" + hex + "', 'hex')") == 1);
        return Funds.sqlHex("select id::text from deposit where account_ref = decode('" + hex + "', 'hex')");
    }

    static ValidatableResponse resolve(String operator, String deposit, String body) {
        return given().auth().oauth2(operator).contentType(ContentType.JSON).body(body)
                .post("/v1/ledger/suspense/" + deposit + "/resolution").then();
    }

    @Test
    void anOperatorCreditsASuspenseDepositToItsUserOnceAndOnlyAnOperatorMay() throws Exception {
        String deposit = unknownDeposit(3, 300);
        String operator = TestTokens.operator("olga");
        String user = "sc-" + UUID.randomUUID();
        long suspense = Funds.sqlLong("select balance from account where kind = 'SUSPENSE'");
        given().auth().oauth2(operator).get("/v1/ledger/suspense?limit=500").then().statusCode(200)
                .body("depositId", org.hamcrest.Matchers.hasItem(deposit));
        given().auth().oauth2(TestTokens.buyer("nosy")).get("/v1/ledger/suspense").then().statusCode(403);
        resolve(TestTokens.buyer("nosy"), deposit, "{\"action\":\"CREDIT\",\"ownerId\":\"x\",\"reason\":\"mine\"}").statusCode(403);

        // Bad decisions are refused and change nothing.
        resolve(operator, deposit, "{\"action\":\"CREDIT\",\"reason\":\"no owner\"}").statusCode(400)
                .contentType("application/problem+json");
        resolve(operator, deposit, "{\"action\":\"SEIZE\",\"ownerId\":\"x\",\"reason\":\"?\"}").statusCode(400);
        resolve(operator, deposit, "{\"action\":\"REFUND\",\"toAddress\":\"0x12\",\"reason\":\"bad address\"}").statusCode(400);
        resolve(operator, deposit, "{\"action\":\"CREDIT\",\"ownerId\":\"" + TestTokens.subjectOf(user) + "\"}").statusCode(400);
        resolve(operator, UUID.randomUUID().toString(), "{\"action\":\"CREDIT\",\"ownerId\":\"x\",\"reason\":\"r\"}").statusCode(404);
        assertThat(Funds.sqlLong("select balance from account where kind = 'SUSPENSE'")).isEqualTo(suspense);

        resolve(operator, deposit, "{\"action\":\"CREDIT\",\"ownerId\":\"" + TestTokens.subjectOf(user)
                + "\",\"reason\":\"ticket 42: wrong reference copied\"}").statusCode(200).body("action", equalTo("CREDIT"))
                .body("amount", equalTo("300"));
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(300));
        assertThat(Funds.sqlLong("select balance from account where kind = 'SUSPENSE'")).isEqualTo(suspense - 300);
        assertThat(Funds.sqlHex("select resolved_by || '|' || resolution_reason from deposit where id = '" + deposit + "'"))
                .isEqualTo(TestTokens.subjectOf("olga") + "|ticket 42: wrong reference copied");
        resolve(operator, deposit, "{\"action\":\"CREDIT\",\"ownerId\":\"someone-else\",\"reason\":\"again\"}").statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:deposit-not-in-suspense"));
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(300));
        Funds.assertInvariants();
    }

    @Test
    void anOperatorRefundsASuspenseDepositOnChainToItsSender() throws Throwable {
        JsonObject c = Funds.contracts();
        String sender = DevChain.funded(3).getAddress();
        String deposit = unknownDeposit(3, 500);
        BigInteger before = DevChain.balanceOf(c.getString("token"), sender);
        String withdrawal = resolve(TestTokens.operator("olga"), deposit, "{\"action\":\"REFUND\",\"reason\":\"unknown sender, returned\"}")
                .statusCode(200).body("action", equalTo("REFUND")).extract().path("withdrawalId");
        VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting());
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from withdrawal where state = 'COMPLETED' and id = '"
                + withdrawal + "'") == 1);
        assertThat(DevChain.balanceOf(c.getString("token"), sender)).isEqualTo(before.add(BigInteger.valueOf(500)));
        Funds.assertInvariants();
        given().auth().oauth2(TestTokens.operator("olga")).get("/v1/ledger/reconciliation").then().statusCode(200)
                .body("balanced", equalTo(true));
    }
}
