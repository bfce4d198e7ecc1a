package ai.marketplace.settlement.support;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.client.contracts.MarketToken;
import ai.marketplace.settlement.client.contracts.Treasury;
import ai.marketplace.testsupport.HardhatResource;

/**
 * The test's hands on the Hardhat chain through the generated web3j wrappers: users with their own keys approve
 * and deposit, and the test mines, snapshots and reverts blocks. The service's own key (Hardhat #0) is never used
 * here, so the test never competes with the service for nonces.
 */
public final class DevChain {

    /** Hardhat's well-known accounts #1..#5 (public test mnemonic), funded with tokens by the dev deployment. */
    public static final List<String> FUNDED_KEYS = List.of(
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

    private static Web3j web3j;

    private DevChain() {
    }

    public static synchronized Web3j web3j() {
        if (web3j == null) {
            web3j = Web3j.build(new HttpService(HardhatResource.node().rpcUrl()), 100, Executors.newScheduledThreadPool(2));
        }
        return web3j;
    }

    public static Credentials funded(int i) {
        return Credentials.create(FUNDED_KEYS.get(i));
    }

    public static Credentials fresh() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MarketToken token(String address, Credentials who) {
        return MarketToken.load(address, web3j(), manager(who), gas());
    }

    public static Treasury treasury(String address, Credentials who) {
        return Treasury.load(address, web3j(), manager(who), gas());
    }

    /** {@code who} approves the treasury and deposits {@code amount} to {@code depositRef}; returns the block. */
    public static long deposit(String token, String treasury, Credentials who, String depositRef, BigInteger amount)
            throws Exception {
        token(token, who).approve(treasury, amount).send();
        return treasury(treasury, who).deposit(Numeric.hexStringToByteArray(depositRef), amount).send()
                .getBlockNumber().longValueExact();
    }

    public static BigInteger balanceOf(String token, String owner) throws Exception {
        return token(token, funded(0)).balanceOf(owner).send();
    }

    public static long blockNumber() throws IOException {
        return web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public static void mine(int blocks) throws IOException {
        for (int i = 0; i < blocks; i++) {
            rpc("evm_mine");
        }
    }

    public static String snapshot() throws IOException {
        return (String) rpc("evm_snapshot");
    }

    public static void revert(String snapshot) throws IOException {
        rpc("evm_revert", snapshot);
    }

    /** EIP-191 personal_sign of {@code message} as a 0x-hex 65-byte signature. */
    public static String sign(String message, Credentials who) {
        ECKeyPair keys = who.getEcKeyPair();
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), keys);
        byte[] out = new byte[65];
        System.arraycopy(s.getR(), 0, out, 0, 32);
        System.arraycopy(s.getS(), 0, out, 32, 32);
        out[64] = s.getV()[0];
        return Numeric.toHexString(out);
    }

    /** The service's signer (Hardhat #0, holder of PAYOUT_ROLE). */
    public static final String OPERATOR = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    /** eth_call as the service's signer: what the contract would do, without a transaction (no nonce used). */
    public static Object callAsOperator(String to, String data) throws IOException {
        return rpc("eth_call", java.util.Map.of("from", OPERATOR, "to", to, "data", data), "latest");
    }

    public static Object rpc(String method, Object... params) throws IOException {
        Response<?> r = new Request<>(method, List.of(params), (HttpService) web3jService(), RawResponse.class).send();
        if (r.hasError()) {
            throw new IOException(method + ": " + r.getError().getMessage() + " " + r.getError().getData());
        }
        return r.getResult();
    }

    private static org.web3j.protocol.Web3jService web3jService() {
        return new HttpService(HardhatResource.node().rpcUrl());
    }

    public static class RawResponse extends Response<Object> {
    }

    private static RawTransactionManager manager(Credentials who) {
        return new RawTransactionManager(web3j(), who, 1337, new PollingTransactionReceiptProcessor(web3j(), 50, 400));
    }

    private static StaticGasProvider gas() {
        return new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(3_000_000));
    }
}
