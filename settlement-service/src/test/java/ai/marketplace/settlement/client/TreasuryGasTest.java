package ai.marketplace.settlement.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import ai.marketplace.infra.chain.HardhatNode;
import ai.marketplace.settlement.client.contracts.MarketToken;
import ai.marketplace.settlement.client.contracts.Treasury;

/**
 * Measures the gas of the Treasury's operations on a real EVM (Hardhat) and writes target/gas-report.md; the
 * numbers in settlement-service/README.md come from here:
 * {@code ./mvnw -pl settlement-service test -Dtest=TreasuryGasTest}. It also holds the contract to its purpose:
 * batching must make each payout cheaper, and anchoring must cost the same whatever the number of transfers.
 */
class TreasuryGasTest {

    static final Credentials ADMIN = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    @Test
    void batchingAndAnchoringCostWhatTheReadmeSays() throws Exception {
        try (HardhatNode node = HardhatNode.start()) {
            Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()), 100, Executors.newScheduledThreadPool(2));
            var tm = new RawTransactionManager(web3j, ADMIN, 1337, new PollingTransactionReceiptProcessor(web3j, 50, 400));
            var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000));
            MarketToken token = MarketToken.deploy(web3j, tm, gas, ADMIN.getAddress()).send();
            Treasury treasury = Treasury.deploy(web3j, tm, gas, token.getContractAddress(), ADMIN.getAddress()).send();
            BigInteger supply = BigInteger.TEN.pow(30);
            token.mint(ADMIN.getAddress(), supply).send();
            token.approve(treasury.getContractAddress(), supply).send();

            long deposit = treasury.deposit(new byte[32], BigInteger.valueOf(1_000_000_000)).send().getGasUsed().longValueExact();
            List<String> report = new ArrayList<>();
            report.add("| operation | gas used | gas per item |");
            report.add("|---|---:|---:|");
            report.add("| `deposit` (after `approve`) | " + deposit + " | — |");
            long perRecipientAt1 = 0;
            long perRecipientAt100 = 0;
            int batch = 0;
            for (int n : new int[] { 1, 10, 100 }) {
                List<String> to = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    to.add(Credentials.create(Keys.createEcKeyPair()).getAddress());
                }
                byte[] ref = new byte[32];
                ref[31] = (byte) ++batch;
                long used = treasury.payoutBatch(ref, to, Collections.nCopies(n, BigInteger.valueOf(1_000))).send()
                        .getGasUsed().longValueExact();
                report.add("| `payoutBatch` to " + n + " new recipient(s) | " + used + " | " + used / n + " per recipient |");
                if (n == 1) {
                    perRecipientAt1 = used;
                } else if (n == 100) {
                    perRecipientAt100 = used / 100;
                }
            }
            byte[] root = new byte[32];
            root[0] = 1;
            long anchor1 = treasury.anchor(root, BigInteger.ONE, BigInteger.valueOf(100)).send().getGasUsed().longValueExact();
            root[0] = 2;
            long anchor2 = treasury.anchor(root, BigInteger.valueOf(101), BigInteger.valueOf(1100)).send().getGasUsed().longValueExact();
            report.add("| `anchor` of M = 100 transfers | " + anchor1 + " | " + anchor1 / 100 + " per transfer |");
            report.add("| `anchor` of M = 1,000 transfers | " + anchor2 + " | " + anchor2 / 1000 + " per transfer |");

            Path out = Path.of("target", "gas-report.md");
            Files.writeString(out, String.join("\n", report) + "\n");
            System.out.println(String.join("\n", report));

            assertThat(perRecipientAt100).as("a batch of 100 pays each recipient for less than a single payout")
                    .isLessThan(perRecipientAt1 * 2 / 3);
            // The first anchor also creates the array's length slot; later anchors cost the same whatever M is.
            assertThat(Math.abs(anchor1 - anchor2)).isLessThan(25_000);
        }
    }
}
