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
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import ai.marketplace.settlement.client.contracts.MarketToken;
import ai.marketplace.settlement.client.contracts.Treasury;
import ai.marketplace.testsupport.chain.HardhatNode;

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
            Treasury treasury = Treasury.deploy(web3j, tm, gas, token.getContractAddress(), ADMIN.getAddress(), ADMIN.getAddress()).send();
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
                List<byte[]> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    byte[] id = new byte[32];
                    id[0] = (byte) batch;
                    id[1] = (byte) i;
                    ids.add(id);
                }
                long used = treasury.payoutBatch(ref, to, Collections.nCopies(n, BigInteger.valueOf(1_000)), ids,
                        Collections.nCopies(n, BigInteger.ONE)).send().getGasUsed().longValueExact();
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

            // Baselines on the same chain: a plain ERC-20 transfer, and one escrow contract call pair per order.
            String holder = Credentials.create(Keys.createEcKeyPair()).getAddress();
            long firstTransfer = token.transfer(holder, BigInteger.valueOf(1_000)).send().getGasUsed().longValueExact();
            long transfer = token.transfer(holder, BigInteger.valueOf(1_000)).send().getGasUsed().longValueExact();
            report.add("| ERC-20 `transfer` (to a new holder / to an existing holder) | " + firstTransfer + " / " + transfer + " | — |");
            String escrow = deploy(web3j, tm, "OrderEscrow", FunctionEncoder.encodeConstructor(List.of(
                    new Address(token.getContractAddress()), new Address(ADMIN.getAddress()), new Address(ADMIN.getAddress()))));
            String seller = Credentials.create(Keys.createEcKeyPair()).getAddress();
            long escrowTotal = 0;
            int orders = 10;
            for (int i = 0; i < orders; i++) {
                byte[] orderId = new byte[32];
                orderId[0] = (byte) (i + 1);
                long approve = token.approve(escrow, BigInteger.valueOf(1_000_000)).send().getGasUsed().longValueExact();
                long open = send(web3j, tm, escrow, new Function("open", List.of(new Bytes32(orderId), new Address(seller),
                        new Uint256(1_000_000)), List.of()));
                long release = send(web3j, tm, escrow, new Function("release", List.of(new Bytes32(orderId), new Uint256(25_000)),
                        List.of()));
                escrowTotal += approve + open + release;
            }
            long escrowPerOrder = escrowTotal / orders;
            report.add("| per-order escrow: `approve` + `open` + `release` (mean of " + orders + " orders) | " + escrowPerOrder
                    + " | " + escrowPerOrder + " per order |");

            // The marketplace settles orders in its ledger: per order only its transfers' share of an anchor (HOLD,
            // CAPTURE, FEE = 3 transfers) touches the chain; deposits and payouts are shared by every order they fund
            // or pay. k = orders per deposit and per payout (the allowance is approved once).
            long anchorShare = 3 * anchor2 / 1000;
            report.add("");
            report.add("| orders per deposit and per payout (k) | amortized gas per settled order | vs. per-order escrow |");
            report.add("|---:|---:|---:|");
            long atFifty = 0;
            for (int k : new int[] { 1, 10, 20, 50, 100 }) {
                long perOrder = deposit / k + perRecipientAt100 / k + anchorShare;
                report.add(String.format("| %d | %,d | %.2f× |", k, perOrder, (double) perOrder / escrowPerOrder));
                if (k == 50) {
                    atFifty = perOrder;
                }
            }

            Path out = Path.of("target", "gas-report.md");
            Files.writeString(out, String.join("\n", report) + "\n");
            System.out.println(String.join("\n", report));

            assertThat(perRecipientAt100).as("a batch of 100 pays each recipient for less than a single payout")
                    .isLessThan(perRecipientAt1 * 2 / 3);
            // The first anchor also creates the array's length slot; later anchors cost the same whatever M is.
            assertThat(Math.abs(anchor1 - anchor2)).isLessThan(25_000);
            // The goal, at 50 orders per deposit and per payout; per-order escrow never gets there.
            assertThat(atFifty).isLessThanOrEqualTo(5_000);
            assertThat(escrowPerOrder).isGreaterThan(5_000);
        }
    }

    /** Deploys a compiled contract of settlement-service/contracts/build that has no generated wrapper. */
    static String deploy(Web3j web3j, RawTransactionManager tm, String name, String constructorArgs) throws Exception {
        String bin = Files.readString(Path.of("contracts", "build", name + ".bin")).strip();
        var sent = tm.sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(5_000_000), null, bin + constructorArgs,
                BigInteger.ZERO);
        return new PollingTransactionReceiptProcessor(web3j, 50, 400).waitForTransactionReceipt(sent.getTransactionHash())
                .getContractAddress();
    }

    static long send(Web3j web3j, RawTransactionManager tm, String to, Function f) throws Exception {
        var sent = tm.sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(500_000), to, FunctionEncoder.encode(f),
                BigInteger.ZERO);
        var receipt = new PollingTransactionReceiptProcessor(web3j, 50, 400).waitForTransactionReceipt(sent.getTransactionHash());
        assertThat(receipt.isStatusOK()).as(f.getName() + " succeeded").isTrue();
        return receipt.getGasUsed().longValueExact();
    }
}
