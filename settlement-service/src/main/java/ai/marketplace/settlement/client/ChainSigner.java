package ai.marketplace.settlement.client;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.config.ChainConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Signs the service's transactions: with the operator key in the pod ({@code marketplace.chain.operator-key}), or
 * through a remote signer that holds the key ({@code marketplace.chain.signer.url}, Web3Signer's eth1 JSON-RPC
 * {@code eth_signTransaction} or compatible), so the key never enters the pod. A remotely signed transaction is
 * decoded and checked before use: it must be exactly the transaction asked for, signed by the configured address.
 * Ledger transactions are EIP-1559 (type 2), so their fee follows the base fee and a stuck one can be replaced; the
 * one-off dev deployment is a legacy one, with the local key only.
 */
@ApplicationScoped
public class ChainSigner {

    public record Signed(String raw, String hash) {
    }

    private final Optional<Credentials> credentials;
    private final ChainConfig config;
    private final long chainId;
    private final String address;
    private HttpClient http;

    @Inject
    public ChainSigner(ChainConfig config, Vertx vertx) {
        this.config = config;
        this.chainId = config.chainId();
        this.credentials = config.operatorKey().map(Credentials::create);
        this.address = credentials.map(Credentials::getAddress).orElseGet(() -> config.signer().address().orElseThrow())
                .toLowerCase(Locale.ROOT);
        if (config.signer().url().isPresent()) {
            this.http = vertx.createHttpClient();
        }
    }

    public String address() {
        return address;
    }

    /** A type-2 transaction to {@code to}. */
    public Uni<Signed> sign1559(BigInteger nonce, BigInteger gasLimit, String to, String data, BigInteger priorityFee,
            BigInteger maxFee) {
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, BigInteger.ZERO, data, priorityFee,
                maxFee);
        if (credentials.isPresent()) {
            String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials.get()));
            return Uni.createFrom().item(new Signed(raw, Hash.sha3(raw)));
        }
        JsonObject request = new JsonObject().put("from", address).put("to", to).put("gas", hex(gasLimit))
                .put("maxPriorityFeePerGas", hex(priorityFee)).put("maxFeePerGas", hex(maxFee)).put("value", "0x0")
                .put("data", data).put("nonce", hex(nonce)).put("chainId", hex(BigInteger.valueOf(chainId)));
        return remote(request).map(raw -> checked(raw, tx));
    }

    /** Legacy (EIP-155) signing for the dev deployment; {@code to == null} deploys {@code data} as a contract. */
    public Signed sign(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        Credentials key = credentials.orElseThrow(() -> new IllegalStateException(
                "the dev deployment signs with MARKETPLACE_CHAIN_OPERATOR_KEY; a remote signer is for configured contracts"));
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, key));
        return new Signed(raw, Hash.sha3(raw));
    }

    private Uni<String> remote(JsonObject transaction) {
        JsonObject body = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_signTransaction")
                .put("params", new JsonArray().add(transaction));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.signer().url().get())
                .putHeader("content-type", "application/json").setTimeout(config.signer().timeout().toMillis());
        return http.request(options).chain(req -> req.send(Buffer.buffer(body.encode())))
                .onFailure().transform(t -> new ChainRpcClient.ChainUnavailableException("remote signer unreachable: " + t.getMessage()))
                .chain(resp -> resp.body().map(b -> {
                    if (resp.statusCode() != 200) {
                        throw new ChainRpcClient.ChainUnavailableException("remote signer answered HTTP " + resp.statusCode());
                    }
                    JsonObject answer = new JsonObject(b.toString());
                    if (answer.containsKey("error")) {
                        throw new IllegalStateException("remote signer refused: " + answer.getValue("error"));
                    }
                    return answer.getString("result");
                }));
    }

    /** The signer holds the key, not the say over what is signed: anything but the asked-for transaction is refused. */
    private Signed checked(String raw, RawTransaction asked) {
        if (raw == null || !raw.startsWith("0x")) {
            throw new IllegalStateException("remote signer returned no signed transaction");
        }
        var decoded = TransactionDecoder.decode(raw);
        if (!(decoded instanceof SignedRawTransaction signed) || !(decoded.getTransaction() instanceof Transaction1559 got)
                || !(asked.getTransaction() instanceof Transaction1559 want)) {
            throw new IllegalStateException("remote signer returned a transaction of another type");
        }
        String from;
        try {
            from = signed.getFrom().toLowerCase(Locale.ROOT);
        } catch (java.security.SignatureException e) {
            throw new IllegalStateException("remote signer returned an invalid signature", e);
        }
        boolean same = from.equals(address) && got.getChainId() == want.getChainId() && got.getNonce().equals(want.getNonce())
                && got.getGasLimit().equals(want.getGasLimit()) && got.getMaxFeePerGas().equals(want.getMaxFeePerGas())
                && got.getMaxPriorityFeePerGas().equals(want.getMaxPriorityFeePerGas())
                && got.getTo().equalsIgnoreCase(want.getTo()) && got.getValue().signum() == 0
                && Numeric.cleanHexPrefix(got.getData()).equalsIgnoreCase(Numeric.cleanHexPrefix(want.getData()));
        if (!same) {
            throw new IllegalStateException("remote signer returned a transaction other than the one asked for (from " + from + ")");
        }
        return new Signed(raw, Hash.sha3(raw));
    }

    private static String hex(BigInteger v) {
        return Numeric.toHexStringWithPrefix(v);
    }
}
