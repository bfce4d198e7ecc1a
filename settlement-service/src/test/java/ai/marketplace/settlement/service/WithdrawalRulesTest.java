package ai.marketplace.settlement.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;

/**
 * Withdrawals cost what they cost the platform: a minimum, a fee to the fee account, a cap on open withdrawals per
 * account, and one transfer per account in a payout however many withdrawals it holds. With real Hardhat,
 * PostgreSQL and Kafka; the rules are set small here so that tests move small amounts.
 */
@QuarkusTest
@TestProfile(WithdrawalRulesTest.Rules.class)
class WithdrawalRulesTest {

    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.settlement.withdrawals.minimum", "100",
                    "marketplace.settlement.withdrawals.fee", "25",
                    "marketplace.settlement.withdrawals.max-open", "3");
        }
    }

    @Inject
    PayoutService payouts;

    static ValidatableResponse withdraw(String user, String key, String amount) {
        return Funds.withdraw(user, key, amount);
    }

    @Test
    void dustAndSpamAreRefusedFeesAreBookedAndOneAccountIsPaidInOneTransfer() throws Throwable {
        String user = "wr-" + UUID.randomUUID();
        Credentials key = DevChain.fresh();
        WithdrawalTest.linkAddress(user, key);
        Funds.fund(user, 1_000);
        long fees = Funds.sqlLong("select balance from account where id = '00000000-0000-0000-0000-00000000fee5'");

        withdraw(user, "dust", "99").statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:withdrawal-below-minimum")).body("minimum", equalTo("100"));
        assertThat(Funds.available(user)).as("a refusal changes nothing").isEqualTo(BigInteger.valueOf(1_000));
        withdraw(user, "too-much", "976").statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:insufficient-funds"))
                .body("fee", equalTo("25"));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(withdraw(user, "w-" + i, String.valueOf(100 + i)).statusCode(201).extract().path("id"));
        }
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(1_000 - 303 - 75));
        assertThat(Funds.sqlLong("select balance from account where id = '00000000-0000-0000-0000-00000000fee5'"))
                .isEqualTo(fees + 75);
        assertThat(Funds.sqlLong("select count(*) from transfer where kind = 'WITHDRAWAL_FEE' and correlation_id in ("
                + WithdrawalTest.quoted(ids) + ")")).isEqualTo(3);
        withdraw(user, "w-3", "100").statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:too-many-open-withdrawals"))
                .body("maxOpen", equalTo(3));
        assertThat(Funds.available(user)).isEqualTo(BigInteger.valueOf(622));

        VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting());
        String batch = Funds.sqlHex("select batch_id::text from withdrawal where id = '" + ids.get(0) + "'");
        assertThat(Funds.sqlLong("select count(distinct batch_id) from withdrawal where id in (" + WithdrawalTest.quoted(ids) + ")"))
                .isEqualTo(1);
        assertThat(Funds.sqlLong("select recipients from payout_batch where id = '" + batch + "'"))
                .as("one transfer per account and address in the batch")
                .isEqualTo(Funds.sqlLong("select count(distinct (account_id, to_address)) from withdrawal where batch_id = '" + batch + "'"));
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from withdrawal where state = 'COMPLETED' and id in ("
                + WithdrawalTest.quoted(ids) + ")") == 3);
        assertThat(DevChain.balanceOf(Funds.contracts().getString("token"), key.getAddress())).isEqualTo(BigInteger.valueOf(303));
        // Paid withdrawals are no longer open.
        withdraw(user, "w-4", "100").statusCode(201);
        Funds.assertInvariants();
    }
}
