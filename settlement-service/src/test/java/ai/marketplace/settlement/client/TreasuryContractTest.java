package ai.marketplace.settlement.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import ai.marketplace.settlement.client.contracts.MarketToken;
import ai.marketplace.settlement.client.contracts.Treasury;
import ai.marketplace.settlement.domain.MerkleTree;
import ai.marketplace.testsupport.chain.HardhatNode;

/**
 * The Treasury's own defences, on a real EVM (Hardhat) without the service: what a hostile token, a stolen hot key,
 * a replayed payout or a forged proof can and cannot do. Each test would fail against the first Treasury.
 */
class TreasuryContractTest {

    /** Hardhat #0 plays the admin (a timelock or multisig in production), #1 the service's hot key. */
    static final Credentials ADMIN = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final Credentials OPERATOR = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    static HardhatNode node;
    static Web3j web3j;
    static StaticGasProvider gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(8_000_000));

    @BeforeAll
    static void chain() {
        node = HardhatNode.start();
        web3j = Web3j.build(new HttpService(node.rpcUrl()), 100, Executors.newScheduledThreadPool(2));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static RawTransactionManager as(Credentials who) {
        return new RawTransactionManager(web3j, who, 1337, new PollingTransactionReceiptProcessor(web3j, 50, 400));
    }

    record Deployed(MarketToken token, Treasury admin, Treasury operator) {
    }

    static Deployed deploy() throws Exception {
        MarketToken token = MarketToken.deploy(web3j, as(ADMIN), gas, ADMIN.getAddress()).send();
        Treasury t = Treasury.deploy(web3j, as(ADMIN), gas, token.getContractAddress(), ADMIN.getAddress(),
                OPERATOR.getAddress()).send();
        token.mint(ADMIN.getAddress(), BigInteger.TEN.pow(24)).send();
        token.approve(t.getContractAddress(), BigInteger.TEN.pow(24)).send();
        return new Deployed(token, t, Treasury.load(t.getContractAddress(), web3j, as(OPERATOR), gas));
    }

    static byte[] id(int n) {
        byte[] id = new byte[32];
        ByteBuffer.wrap(id).putInt(n);
        return id;
    }

    static String fresh() throws Exception {
        return Credentials.create(Keys.createEcKeyPair()).getAddress();
    }

    @Test
    void aFeeOnTransferTokenIsCreditedWhatArrivedNotWhatWasAsked() throws Exception {
        String bin = Files.readString(Path.of("contracts", "build", "FeeOnTransferToken.bin")).strip();
        var sent = as(ADMIN).sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(3_000_000), null,
                bin + FunctionEncoder.encodeConstructor(List.of(new Address(ADMIN.getAddress()), new Uint256(1_000_000))),
                BigInteger.ZERO);
        String feeToken = new PollingTransactionReceiptProcessor(web3j, 50, 400)
                .waitForTransactionReceipt(sent.getTransactionHash()).getContractAddress();
        Treasury t = Treasury.deploy(web3j, as(ADMIN), gas, feeToken, ADMIN.getAddress(), OPERATOR.getAddress()).send();
        MarketToken asErc20 = MarketToken.load(feeToken, web3j, as(ADMIN), gas);
        asErc20.approve(t.getContractAddress(), BigInteger.valueOf(10_000)).send();

        var receipt = t.deposit(new byte[32], BigInteger.valueOf(10_000)).send();
        var deposited = t.getDepositedEvents(receipt);
        assertThat(deposited).hasSize(1);
        assertThat(deposited.get(0).amount).as("1 % burnt on the way in").isEqualTo(BigInteger.valueOf(9_900));
        assertThat(asErc20.balanceOf(t.getContractAddress()).send()).isEqualTo(BigInteger.valueOf(9_900));
    }

    @Test
    void aPausedTreasuryRefusesDepositsAndPayoutsAndOnlyTheAdminResumes() throws Exception {
        Deployed d = deploy();
        d.admin().deposit(new byte[32], BigInteger.valueOf(5_000)).send();
        d.operator().pause().send();
        assertThatThrownBy(() -> d.admin().deposit(new byte[32], BigInteger.valueOf(1)).send()).isInstanceOf(TransactionException.class);
        assertThatThrownBy(() -> d.operator().payoutBatch(id(900), List.of(fresh()), List.of(BigInteger.ONE), List.of(id(1)),
                List.of(BigInteger.ONE)).send()).isInstanceOf(TransactionException.class);
        assertThatThrownBy(() -> d.operator().unpause().send()).as("the hot key cannot undo a pause").isInstanceOf(TransactionException.class);
        d.admin().unpause().send();
        String to = fresh();
        d.operator().payoutBatch(id(901), List.of(to), List.of(BigInteger.TEN), List.of(id(2)), List.of(BigInteger.ONE)).send();
        assertThat(d.token().balanceOf(to).send()).isEqualTo(BigInteger.TEN);
    }

    @Test
    void theHotKeyCannotGrantRolesOrLiftTheCapAndTheCapHolds() throws Exception {
        Deployed d = deploy();
        d.admin().deposit(new byte[32], BigInteger.valueOf(10_000)).send();
        assertThatThrownBy(() -> d.operator().grantRole(d.operator().DEFAULT_ADMIN_ROLE().send(), OPERATOR.getAddress()).send())
                .isInstanceOf(TransactionException.class);
        assertThatThrownBy(() -> d.operator().setPayoutCap(BigInteger.ZERO, BigInteger.ZERO).send()).isInstanceOf(TransactionException.class);
        d.admin().setPayoutCap(BigInteger.valueOf(1_500), BigInteger.valueOf(86_400)).send();
        d.operator().payoutBatch(id(910), List.of(fresh()), List.of(BigInteger.valueOf(1_000)), List.of(id(10)),
                List.of(BigInteger.ONE)).send();
        assertThatThrownBy(() -> d.operator().payoutBatch(id(911), List.of(fresh()), List.of(BigInteger.valueOf(600)),
                List.of(id(11)), List.of(BigInteger.ONE)).send()).isInstanceOf(TransactionException.class);
        assertThat(d.operator().paidInPeriod().send()).isEqualTo(BigInteger.valueOf(1_000));
    }

    @Test
    void aWithdrawalIdIsPaidOnceWhateverBatchCarriesItAndMergedTransfersPayTheirSum() throws Exception {
        Deployed d = deploy();
        d.admin().deposit(new byte[32], BigInteger.valueOf(10_000)).send();
        String alice = fresh();
        // Alice's three withdrawals in one transfer, Bob's one in another.
        String bob = fresh();
        d.operator().payoutBatch(id(920), List.of(alice, bob), List.of(BigInteger.valueOf(600), BigInteger.valueOf(50)),
                List.of(id(21), id(22), id(23), id(24)), List.of(BigInteger.valueOf(3), BigInteger.ONE)).send();
        assertThat(d.token().balanceOf(alice).send()).isEqualTo(BigInteger.valueOf(600));
        assertThat(d.operator().paidOf(List.of(id(21), id(24), id(25))).send()).containsExactly(true, true, false);
        // A restored database builds a new batch (new reference) holding one of them again: refused as a whole.
        assertThatThrownBy(() -> d.operator().payoutBatch(id(921), List.of(alice), List.of(BigInteger.valueOf(200)),
                List.of(id(25), id(22)), List.of(BigInteger.TWO)).send()).isInstanceOf(TransactionException.class);
        assertThat(d.token().balanceOf(alice).send()).isEqualTo(BigInteger.valueOf(600));
        assertThat(d.operator().paidOf(List.of(id(25))).send()).containsExactly(false);
        // Counts that do not add up to the ids are refused too.
        assertThatThrownBy(() -> d.operator().payoutBatch(id(922), List.of(alice), List.of(BigInteger.ONE),
                List.of(id(26), id(27)), List.of(BigInteger.ONE)).send()).isInstanceOf(TransactionException.class);
    }

    @Test
    void anchorsAreContiguousAndOnlyWholeTransfersVerify() throws Exception {
        Deployed d = deploy();
        List<Treasury.LedgerTransfer> transfers = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID tid = UUID.randomUUID();
            UUID debit = UUID.randomUUID();
            UUID credit = UUID.randomUUID();
            transfers.add(new Treasury.LedgerTransfer(BigInteger.valueOf(101 + i), b16(tid), b16(debit), b16(credit),
                    BigInteger.valueOf(1_000 + i), "CAPTURE", "order-" + i));
            leaves.add(MerkleTree.leaf(101 + i, tid, debit, credit, BigInteger.valueOf(1_000 + i), "CAPTURE", "order-" + i));
        }
        MerkleTree tree = new MerkleTree(leaves);
        d.operator().anchor(new byte[32], BigInteger.ONE, BigInteger.valueOf(100)).send();
        assertThatThrownBy(() -> d.operator().anchor(tree.root(), BigInteger.valueOf(50), BigInteger.valueOf(104)).send())
                .as("overlapping the first anchor").isInstanceOf(TransactionException.class);
        assertThatThrownBy(() -> d.operator().anchor(tree.root(), BigInteger.valueOf(102), BigInteger.valueOf(104)).send())
                .as("leaving a gap").isInstanceOf(TransactionException.class);
        d.operator().anchor(tree.root(), BigInteger.valueOf(101), BigInteger.valueOf(104)).send();
        BigInteger index = BigInteger.ONE;

        assertThat(d.operator().leafOf(transfers.get(2)).send()).isEqualTo(leaves.get(2));
        assertThat(d.operator().verifyTransfer(index, transfers.get(2), tree.proof(2)).send()).isTrue();
        // The inner node over leaves 0 and 1 verifies with the one-element proof under a bare MerkleProof check…
        byte[] inner = new MerkleTree(leaves.subList(0, 2)).root();
        List<byte[]> shortProof = List.of(tree.proof(0).get(1));
        assertThat(MerkleTree.verify(shortProof, tree.root(), inner)).isTrue();
        // …but the Treasury only takes a transfer's fields and hashes the leaf itself: the short proof fails for both.
        assertThat(d.operator().verifyTransfer(index, transfers.get(0), shortProof).send()).isFalse();
        assertThat(d.operator().verifyTransfer(index, transfers.get(1), shortProof).send()).isFalse();
        // A field changed (here the kind) is another leaf.
        var relabelled = new Treasury.LedgerTransfer(transfers.get(2).seq, transfers.get(2).id, transfers.get(2).debitAccount,
                transfers.get(2).creditAccount, transfers.get(2).amount, "DEPOSIT", transfers.get(2).correlationId);
        assertThat(d.operator().verifyTransfer(index, relabelled, tree.proof(2)).send()).isFalse();
    }

    static byte[] b16(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}
