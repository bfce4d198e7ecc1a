package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Deposits on a real Hardhat chain: credited only after the configured confirmations (2), once per log however
 * often it is read, and never when a reorganisation removed it. "Not credited yet" is asserted only after the
 * watcher has reported seeing the deposit's block, so no assertion depends on timing.
 */
@QuarkusTest
class DepositWatcherTest {

    @Test
    void creditedAfterItsConfirmationsAndOnlyOnceWhenTheChainIsReadAgain() throws Exception {
        JsonObject c = Funds.contracts();
        String user = "dora-" + UUID.randomUUID();
        String ref = Funds.account(user).getString("depositRef");
        long block = DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(1), ref, BigInteger.valueOf(7_000));
        awaitWatcherSaw(block);
        assertThat(status().getLong("depositsCreditedTo")).isEqualTo(block - 1);
        assertThat(Funds.available(user)).isZero();

        DevChain.mine(1);
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(user).equals(BigInteger.valueOf(7_000)));
        given().auth().oauth2(TestTokens.buyer(user)).get("/v1/accounts/me/deposits").then().statusCode(200)
                .body("items[0].amount", org.hamcrest.Matchers.equalTo("7000"))
                .body("items[0].blockNumber", org.hamcrest.Matchers.equalTo((int) block)).body("next", org.hamcrest.Matchers.nullValue());
        UUID account = UUID.fromString(Funds.account(user).getString("id"));
        assertThat(Funds.types(Funds.privateEvents(account.toString(), 1))).containsExactly("FundsDeposited");
        // A deposit ties the user to the address that sent it: never on the topic partners read.
        assertThat(Funds.sqlLong("select count(*) from outbox where aggregate_id = '" + account + "' and topic = 'marketplace.settlement.v1'"))
                .isZero();
        assertThat(Funds.sqlLong("select count(*) from outbox where aggregate_id = '" + account
                + "' and topic = 'marketplace.settlement.private.v1'")).isPositive();

        // Read the whole chain again from block 0: the log is seen again and credits nothing.
        Funds.sql("update chain_cursor set block = 0 where name = 'deposits'");
        DevChain.mine(1);
        long head = DevChain.blockNumber();
        await().atMost(Funds.PATIENCE).until(() -> status().getLong("depositsCreditedTo") >= head - 1);
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(7_000));
        assertThat(Funds.sqlLong("select count(*) from deposit where account_id = '" + account + "'")).isEqualTo(1);
        Funds.assertInvariants();
    }

    @Test
    void aDepositThatAReorganisationRemovedIsNeverCredited() throws Exception {
        JsonObject c = Funds.contracts();
        String user = "rita-" + UUID.randomUUID();
        String ref = Funds.account(user).getString("depositRef");
        String snapshot = DevChain.snapshot();
        long block = DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(2), ref, BigInteger.valueOf(5_000));
        awaitWatcherSaw(block);
        DevChain.revert(snapshot); // the blocks with the approve and the deposit are gone…
        DevChain.mine(4);          // …and the chain grows past them without it
        long head = DevChain.blockNumber();
        await().atMost(Funds.PATIENCE).until(() -> status().getLong("depositsCreditedTo") >= head - 1);
        assertThat(Funds.available(user)).isZero();
        assertThat(Funds.sqlLong("select count(*) from deposit where account_ref = decode('" + ref.substring(2) + "', 'hex')"))
                .isZero();
    }

    @Test
    void aDepositMinedAfterAReorganisationAtAHeightTheWatcherHadPassedIsCreditedOnce() throws Exception {
        JsonObject c = Funds.contracts();
        String user = "remi-" + UUID.randomUUID();
        String ref = Funds.account(user).getString("depositRef");
        String snapshot = DevChain.snapshot();
        long base = DevChain.blockNumber();
        DevChain.mine(4);
        await().atMost(Funds.PATIENCE).until(() -> status().getLong("depositsCreditedTo") >= base + 3);
        // The four empty blocks are replaced by a branch that holds the deposit at a height the cursor has passed.
        DevChain.revert(snapshot);
        long block = DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(1), ref,
                BigInteger.valueOf(4_000));
        assertThat(block).isLessThanOrEqualTo(base + 3);
        DevChain.mine(3);
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(user).equals(BigInteger.valueOf(4_000)));
        long head = DevChain.blockNumber();
        DevChain.mine(2);
        await().atMost(Funds.PATIENCE).until(() -> status().getLong("depositsCreditedTo") >= head);
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(4_000));
        String account = Funds.account(user).getString("id");
        assertThat(Funds.sqlLong("select count(*) from deposit where account_id = '" + account + "'")).isEqualTo(1);
        Funds.assertInvariants();
    }

    @Test
    void aDepositToAnUnknownReferenceIsKeptInSuspenseNotLost() throws Exception {
        JsonObject c = Funds.contracts();
        long before = Funds.sqlLong("select balance from account where kind = 'SUSPENSE'");
        String unknownRef = "0x" + "ab".repeat(32);
        DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(3), unknownRef, BigInteger.valueOf(300));
        DevChain.mine(1);
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select balance from account where kind = 'SUSPENSE'") == before + 300);
        given().auth().oauth2(TestTokens.operator("olga")).get("/v1/ledger/reconciliation").then().statusCode(200)
                .body("balanced", org.hamcrest.Matchers.equalTo(true));
        given().auth().oauth2(TestTokens.buyer("nosy")).get("/v1/ledger/reconciliation").then().statusCode(403);
    }

    @Test
    void aDepositEventFromAContractThatIsNotTheTreasuryCreditsNothing() throws Exception {
        JsonObject c = Funds.contracts();
        String victimRef = Funds.account("impersonated").getString("depositRef");
        long suspense = Funds.sqlLong("select balance from account where kind = 'SUSPENSE'");
        long deposits = Funds.sqlLong("select count(*) from deposit");
        // A look-alike treasury: same bytecode, same Deposited event, the victim's real reference, a worthless token.
        var attacker = DevChain.funded(4);
        var fakeToken = ai.marketplace.settlement.client.contracts.MarketToken.deploy(DevChain.web3j(),
                new org.web3j.tx.RawTransactionManager(DevChain.web3j(), attacker, 1337), new org.web3j.tx.gas.StaticGasProvider(
                        BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(5_000_000)), attacker.getAddress()).send();
        var fakeTreasury = ai.marketplace.settlement.client.contracts.Treasury.deploy(DevChain.web3j(),
                new org.web3j.tx.RawTransactionManager(DevChain.web3j(), attacker, 1337), new org.web3j.tx.gas.StaticGasProvider(
                        BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(5_000_000)), fakeToken.getContractAddress(),
                attacker.getAddress(), attacker.getAddress()).send();
        fakeToken.mint(attacker.getAddress(), BigInteger.valueOf(1_000_000)).send();
        long block = DevChain.deposit(fakeToken.getContractAddress(), fakeTreasury.getContractAddress(), attacker, victimRef,
                BigInteger.valueOf(1_000_000));
        // And a real deposit after it, so that the watcher has provably read past the forged one.
        long real = DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(3), victimRef, BigInteger.valueOf(7));
        DevChain.mine(3);
        await().atMost(Funds.PATIENCE).until(() -> Funds.available("impersonated").equals(BigInteger.valueOf(7)));
        assertThat(real).isGreaterThanOrEqualTo(block);
        assertThat(Funds.sqlLong("select count(*) from deposit")).isEqualTo(deposits + 1);
        assertThat(Funds.sqlLong("select balance from account where kind = 'SUSPENSE'")).isEqualTo(suspense);
        Funds.assertInvariants();
    }

    static JsonPath status() {
        return given().auth().oauth2(TestTokens.buyer("watcher")).get("/v1/chain/status").then().statusCode(200)
                .extract().jsonPath();
    }

    static void awaitWatcherSaw(long block) {
        await().atMost(Funds.PATIENCE).until(() -> status().getLong("headSeen") >= block);
    }
}
