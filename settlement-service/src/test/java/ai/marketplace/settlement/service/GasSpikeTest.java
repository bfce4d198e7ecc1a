package ai.marketplace.settlement.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A gas spike on the real Hardhat chain: the base fee of the next block jumps far above what a payout offers, so
 * the node will not take it. The tracker signs it again at the same nonce with higher fees until it fits; it mines
 * once, and the next payout, at the next nonce, follows.
 */
@QuarkusTest
class GasSpikeTest {

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    @Inject
    PayoutService payouts;

    static String withdraw(String user, String key, long amount) {
        return Funds.withdraw(user, key, String.valueOf(amount)).statusCode(201).extract().path("id");
    }

    static String payoutOf(String withdrawal) {
        return "(select chain_tx from payout_batch where id = (select batch_id from withdrawal where id = '" + withdrawal + "'))";
    }

    @Test
    void aPayoutPricedBelowASpikedBaseFeeIsReplacedAtItsNonceMinesOnceAndLaterPayoutsFollow() throws Throwable {
        String user = "gs-" + UUID.randomUUID();
        Credentials key = DevChain.fresh();
        WithdrawalTest.linkAddress(user, key);
        Funds.fund(user, 5_000);
        String token = Funds.contracts().getString("token");
        String first = withdraw(user, "spike-1", 100);
        try {
            DevChain.rpc("hardhat_setNextBlockBaseFeePerGas", "0x" + GWEI.multiply(BigInteger.valueOf(50)).toString(16));
            VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting());
            String tx = payoutOf(first);
            long nonce = Funds.sqlLong("select nonce from chain_tx where id = " + tx);
            long offered = Funds.sqlLong("select (max_fee / 1000000000)::bigint from chain_tx_version where chain_tx = " + tx
                    + " order by created_at limit 1");
            assertThat(offered).as("the first version offers less than the spike").isLessThan(50);

            await().atMost(Funds.PATIENCE).until(() -> DevChain.balanceOf(token, key.getAddress()).equals(BigInteger.valueOf(100)));
            DevChain.mine(1);
            await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from withdrawal where state = 'COMPLETED'"
                    + " and id = '" + first + "'") == 1);
            assertThat(Funds.sqlLong("select replacements from chain_tx where id = " + tx)).isPositive();
            assertThat(Funds.sqlLong("select count(*) from chain_tx_version where chain_tx = " + tx)).isGreaterThanOrEqualTo(2);
            assertThat(Funds.sqlLong("select nonce from chain_tx where id = " + tx)).as("same nonce").isEqualTo(nonce);
            assertThat(Funds.sqlLong("select count(*) from chain_tx_version v join chain_tx t on t.tx_hash = v.tx_hash where t.id = "
                    + tx)).as("the mined hash is one of the stored versions").isEqualTo(1);
        } finally {
            // Back to a cheap chain for the tests that follow (their own transactions use a fixed 2 gwei).
            DevChain.rpc("hardhat_setNextBlockBaseFeePerGas", "0x" + GWEI.divide(BigInteger.TEN).toString(16));
            DevChain.mine(1);
        }
        assertThat(DevChain.balanceOf(token, key.getAddress())).as("paid once").isEqualTo(BigInteger.valueOf(100));

        String second = withdraw(user, "spike-2", 200);
        VertxContextSupport.subscribeAndAwait(() -> payouts.batchWaiting());
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from withdrawal where state = 'COMPLETED'"
                + " and id = '" + second + "'") == 1);
        assertThat(Funds.sqlLong("select nonce from chain_tx where id = " + payoutOf(second)))
                .isGreaterThan(Funds.sqlLong("select nonce from chain_tx where id = " + payoutOf(first)));
        assertThat(DevChain.balanceOf(token, key.getAddress())).isEqualTo(BigInteger.valueOf(300));
        Funds.assertInvariants();
    }
}
