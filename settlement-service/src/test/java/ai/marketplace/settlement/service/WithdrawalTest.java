package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** Addresses proven by signature; withdrawals debited first, paid in on-chain batches, reversed when a batch fails. */
@QuarkusTest
class WithdrawalTest {

    @Inject
    PayoutService payouts;

    @Inject
    ChainTxTracker tracker;

    @Test
    void anAddressIsLinkedOnlyWithItsOwnersSignatureOverAFreshChallenge() {
        String user = "lina-" + UUID.randomUUID();
        Credentials key = DevChain.fresh();
        String token = TestTokens.buyer(user);
        JsonObject challenge = challenge(token);
        String message = challenge.getString("message");
        Credentials stranger = DevChain.fresh();
        // Someone else's signature over the message proves nothing about the claimed address.
        link(token, challenge.getString("challengeId"), key.getAddress(), DevChain.sign(message, stranger)).statusCode(400)
                .body("errors[0].field", equalTo("body.signature"));
        // Another account cannot use this account's challenge.
        link(TestTokens.buyer("thief-" + UUID.randomUUID()), challenge.getString("challengeId"), key.getAddress(),
                DevChain.sign(message, key)).statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:challenge-invalid"));
        link(token, challenge.getString("challengeId"), key.getAddress(), DevChain.sign(message, key))
                .statusCode(200).body("chainAddress", equalTo(key.getAddress().toLowerCase()));
        // A used challenge cannot be replayed.
        link(token, challenge.getString("challengeId"), key.getAddress(), DevChain.sign(message, key)).statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:challenge-invalid"));
        // Another account cannot take the same address, even with a valid signature.
        String other = TestTokens.buyer("copy-" + UUID.randomUUID());
        JsonObject third = challenge(other);
        link(other, third.getString("challengeId"), key.getAddress(), DevChain.sign(third.getString("message"), key))
                .statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:address-taken"));
        link(token, UUID.randomUUID().toString(), "0x123", "0xzz").statusCode(400);
    }

    @Test
    void fiftyWithdrawalsArePaidByOneTransactionAndEveryRecipientGetsExactlyItsAmount() throws Throwable {
        List<String> users = new ArrayList<>();
        List<Credentials> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String user = "w" + i + "-" + UUID.randomUUID();
            Credentials key = DevChain.fresh();
            linkAddress(user, key);
            users.add(user);
            keys.add(key);
        }
        JsonObject c = Funds.contracts();
        // One depositor funds all fifty deposit references.
        BigInteger each = BigInteger.valueOf(1_000);
        DevChain.token(c.getString("token"), DevChain.funded(4)).approve(c.getString("treasury"), each.multiply(BigInteger.valueOf(50))).send();
        var treasury = DevChain.treasury(c.getString("treasury"), DevChain.funded(4));
        for (String u : users) {
            treasury.deposit(Numeric.hexStringToByteArray(Funds.account(u).getString("depositRef")), each).send();
        }
        DevChain.mine(1);
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(users.get(49)).equals(each));

        List<String> withdrawals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            withdrawals.add(given().auth().oauth2(TestTokens.buyer(users.get(i))).header("Idempotency-Key", "w-" + i)
                    .contentType(ContentType.JSON).body("{\"amount\":\"" + (100 + i) + "\"}").post("/v1/withdrawals")
                    .then().statusCode(201).body("state", equalTo("REQUESTED")).extract().path("id"));
        }
        assertThat(Funds.available(users.get(7))).isEqualTo(BigInteger.valueOf(1_000 - 107));
        // Other tests' withdrawals may ride along; these fifty must all be in the one batch.
        assertThat(VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting())).isGreaterThanOrEqualTo(50);
        assertThat(Funds.sqlLong("select count(distinct batch_id) from withdrawal where id in (" + quoted(withdrawals) + ")")).isEqualTo(1);
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).untilAsserted(() -> given().auth().oauth2(TestTokens.buyer(users.get(49)))
                .get("/v1/withdrawals/" + withdrawals.get(49)).then().body("state", equalTo("COMPLETED")));
        for (int i = 0; i < 50; i++) {
            assertThat(DevChain.balanceOf(c.getString("token"), keys.get(i).getAddress())).as("recipient " + i)
                    .isEqualTo(BigInteger.valueOf(100 + i));
        }
        assertThat(Funds.sqlLong("select count(*) from chain_tx where purpose = 'PAYOUT' and id = (select chain_tx from payout_batch"
                + " where id = (select batch_id from withdrawal where id = '" + withdrawals.get(0) + "'))")).isEqualTo(1);
        // The withdrawal names the transaction that paid it, as the chain knows it.
        String paidBy = given().auth().oauth2(TestTokens.buyer(users.get(0))).get("/v1/withdrawals/" + withdrawals.get(0))
                .then().statusCode(200).extract().path("txHash");
        assertThat(paidBy).matches("0x[0-9a-f]{64}");
        assertThat(Funds.sqlLong("select count(*) from chain_tx c join payout_batch b on b.chain_tx = c.id join withdrawal w"
                + " on w.batch_id = b.id where w.id = '" + withdrawals.get(0) + "' and c.tx_hash = '" + paidBy + "' and c.state = 'MINED'"))
                .isEqualTo(1);
        given().auth().oauth2(TestTokens.buyer(users.get(0))).get("/v1/withdrawals").then().statusCode(200)
                .body("items[0].txHash", equalTo(paidBy));

        // A crash after the payout was sent but before its receipt was recorded: the tracker re-sends the same
        // signed bytes, the chain refuses them (same nonce), and nobody is paid twice.
        String batch = "(select batch_id from withdrawal where id = '" + withdrawals.get(0) + "')";
        Funds.sql("update chain_tx set state = 'SIGNED' where id = (select chain_tx from payout_batch where id = " + batch + ")");
        Funds.sql("update payout_batch set state = 'SENT' where id = " + batch);
        Funds.sql("update withdrawal set state = 'BATCHED' where batch_id = " + batch);
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from payout_batch where state = 'COMPLETED' and id = " + batch) == 1);
        assertThat(Funds.sqlLong("select attempts from chain_tx where id = (select chain_tx from payout_batch where id = " + batch + ")"))
                .isEqualTo(2);
        for (int i = 0; i < 50; i++) {
            assertThat(DevChain.balanceOf(c.getString("token"), keys.get(i).getAddress())).isEqualTo(BigInteger.valueOf(100 + i));
        }
        // Even a newly signed payout under another batch id would be refused by the contract, because it carries a
        // withdrawal id paid before (simulated with eth_call as the service's signer); a new withdrawal id goes through.
        String selector = org.web3j.crypto.Hash.sha3String("WithdrawalAlreadyPaid(bytes32)").substring(2, 10);
        byte[] paidId = TreasuryCodec.withdrawalId(UUID.fromString(withdrawals.get(0)));
        assertThatThrownBy(() -> DevChain.callAsOperator(c.getString("treasury"), TreasuryCodec.payoutBatch(new byte[32],
                List.of(new TreasuryCodec.Payment(keys.get(0).getAddress(), BigInteger.ONE, List.of(paidId))))))
                .hasMessageContaining(selector);
        DevChain.callAsOperator(c.getString("treasury"), TreasuryCodec.payoutBatch(new byte[32], List.of(new TreasuryCodec.Payment(
                keys.get(0).getAddress(), BigInteger.ONE, List.of(TreasuryCodec.withdrawalId(UUID.randomUUID()))))));
        Funds.assertInvariants();
        given().auth().oauth2(TestTokens.operator("olga")).get("/v1/ledger/reconciliation").then().statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void aRevertedBatchIsReversedInTheLedgerAndMoneyRulesHold() throws Throwable {
        String user = "rv-" + UUID.randomUUID();
        Credentials key = DevChain.fresh();
        linkAddress(user, key);
        Funds.fund(user, 5_000);
        String token = TestTokens.buyer(user);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"6000\"}").post("/v1/withdrawals")
                .then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:insufficient-funds"))
                .body("available", equalTo("5000"));
        for (String bad : new String[] { "{\"amount\":\"0\"}", "{\"amount\":\"-5\"}", "{\"amount\":\"1.5\"}", "{\"amount\":5}",
                "{\"amount\":\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"}", "{}", "nope" }) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(bad).post("/v1/withdrawals").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(TestTokens.buyer("unlinked-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"amount\":\"1\"}").post("/v1/withdrawals").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:no-linked-address"));
        String w = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"3000\"}").post("/v1/withdrawals")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.buyer("other")).get("/v1/withdrawals/" + w).then().statusCode(404);
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(2_000));
        // Poison the recipient (the zero address makes the token's transfer revert) so the batch fails on chain.
        Funds.sql("update withdrawal set to_address = '0x0000000000000000000000000000000000000000' where id = '" + w + "'");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting())).isEqualTo(1);
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).untilAsserted(() -> given().auth().oauth2(token).get("/v1/withdrawals/" + w).then()
                .body("state", equalTo("FAILED")).body("failureReason", equalTo("PAYOUT_REVERTED")));
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(5_000));
        given().auth().oauth2(token).get("/v1/accounts/me/transfers").then().statusCode(200)
                .body("items[0].kind", equalTo("WITHDRAWAL_REVERSAL")).body("items[0].reverses", notNullValue());
        assertThat(Funds.types(Funds.privateEvents(w, 1))).containsExactly("WithdrawalFailed");
        Funds.assertInvariants();
    }

    @Test
    void balanceLowIsPublishedOncePerCrossingOfTheOwnersThreshold() throws Throwable {
        String user = "low-" + UUID.randomUUID();
        linkAddress(user, DevChain.fresh());
        Funds.fund(user, 1_000);
        String token = TestTokens.buyer(user);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"threshold\":\"-1\"}")
                .put("/v1/accounts/me/low-balance-threshold").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"threshold\":\"500\"}")
                .put("/v1/accounts/me/low-balance-threshold").then().statusCode(200).body("lowBalanceThreshold", equalTo("500"));
        String account = Funds.account(user).getString("id");
        for (String amount : new String[] { "600", "100" }) { // 1000 → 400 (crosses) → 300 (still below)
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"" + amount + "\"}")
                    .post("/v1/withdrawals").then().statusCode(201);
        }
        var events = Funds.privateEvents(account, 2); // FundsDeposited, BalanceLow
        assertThat(Funds.types(events)).containsExactly("FundsDeposited", "BalanceLow");
        assertThat(events.get(1).getJsonObject("data").getString("available")).isEqualTo("400");
        // Back above the threshold re-arms it: the next fall below is announced again.
        Funds.fund(user, 1_000);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":\"1000\"}").post("/v1/withdrawals")
                .then().statusCode(201);
        assertThat(Funds.types(Funds.privateEvents(account, 4))).containsExactly("FundsDeposited", "BalanceLow", "FundsDeposited", "BalanceLow");
        // Pay them out, so no other test finds these withdrawals waiting.
        assertThat(VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting())).isGreaterThanOrEqualTo(3);
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from withdrawal where state <> 'COMPLETED'"
                + " and account_id = '" + account + "'") == 0);
    }

    @Test
    void aDatabaseRestoredFromBeforeAPayoutPaysNoWithdrawalTwice() throws Throwable {
        String user = "rs-" + UUID.randomUUID();
        Credentials key = DevChain.fresh();
        linkAddress(user, key);
        Funds.fund(user, 2_000);
        String w = given().auth().oauth2(TestTokens.buyer(user)).header("Idempotency-Key", "restore-1").contentType(ContentType.JSON)
                .body("{\"amount\":\"700\"}").post("/v1/withdrawals").then().statusCode(201).extract().path("id");
        // The backup: this withdrawal's row as it stood before its payout.
        String copy = "restore_copy_" + UUID.randomUUID().toString().replace("-", "");
        Funds.sql("create table " + copy + " as select * from withdrawal where id = '" + w + "'");

        VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting());
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from withdrawal where state = 'COMPLETED' and id = '"
                + w + "'") == 1);
        JsonObject c = Funds.contracts();
        assertThat(DevChain.balanceOf(c.getString("token"), key.getAddress())).isEqualTo(BigInteger.valueOf(700));

        // The restore: the withdrawal is waiting again, and the batch and the transaction that paid it are forgotten.
        String batch = "(select batch_id from withdrawal where id = '" + w + "')";
        String paidBy = Funds.sqlHex("select chain_tx::text from payout_batch where id = " + batch);
        String batchId = Funds.sqlHex("select batch_id::text from withdrawal where id = '" + w + "'");
        Funds.sql("update withdrawal w set state = c.state, batch_id = c.batch_id, version = c.version, updated_at = c.updated_at"
                + " from " + copy + " c where w.id = c.id");
        Funds.sql("delete from payout_batch where id = '" + batchId + "'");
        Funds.sql("delete from chain_tx_version where chain_tx = '" + paidBy + "'");
        Funds.sql("delete from chain_tx where id = '" + paidBy + "'");
        Funds.sql("drop table " + copy);

        VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting());
        Funds.confirmSentTransactions();
        assertThat(Funds.sqlLong("select count(*) from withdrawal where state = 'COMPLETED' and batch_id is null and id = '" + w + "'"))
                .as("completed from the Treasury's record, in no new batch").isEqualTo(1);
        assertThat(DevChain.balanceOf(c.getString("token"), key.getAddress())).as("paid once").isEqualTo(BigInteger.valueOf(700));
        List<JsonObject> events = Funds.privateEvents(w, 2);
        assertThat(Funds.types(events)).containsExactly("WithdrawalCompleted", "WithdrawalCompleted");
        assertThat(events.get(1).getJsonObject("data").getString("txHash")).as("the payout that really paid it")
                .isEqualTo(events.get(0).getJsonObject("data").getString("txHash"));
        Funds.assertInvariants();
    }

    @Test
    void twoAccountsLinkingOneAddressAtOnceGetOneLinkAndOneConflictNeverAnError() throws Exception {
        Credentials key = DevChain.fresh();
        List<java.util.concurrent.Callable<Integer>> links = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String token = TestTokens.buyer("race" + i + "-" + UUID.randomUUID());
            JsonObject c = challenge(token);
            String signature = DevChain.sign(c.getString("message"), key);
            links.add(() -> link(token, c.getString("challengeId"), key.getAddress(), signature).extract().statusCode());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (var f : pool.invokeAll(links)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
    }

    // --- helpers ---

    static JsonObject challenge(String token) {
        return new JsonObject(given().auth().oauth2(token).post("/v1/accounts/me/address-challenges").then().statusCode(200)
                .extract().asString());
    }

    static io.restassured.response.ValidatableResponse link(String token, String challenge, String address, String signature) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"challengeId\":\"" + challenge + "\",\"address\":\"" + address + "\",\"signature\":\"" + signature + "\"}")
                .post("/v1/accounts/me/address").then();
    }

    static void linkAddress(String user, Credentials key) {
        String token = TestTokens.buyer(user);
        JsonObject c = challenge(token);
        link(token, c.getString("challengeId"), key.getAddress(), DevChain.sign(c.getString("message"), key)).statusCode(200);
    }

    static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(i -> "'" + i + "'").toList());
    }
}
