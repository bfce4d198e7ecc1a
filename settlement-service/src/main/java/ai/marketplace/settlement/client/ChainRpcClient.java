package ai.marketplace.settlement.client;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.settlement.config.ChainConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Non-blocking Ethereum JSON-RPC over the Vert.x HTTP client, so chain calls continue on the caller's Vert.x
 * context (Hibernate Reactive sessions require that). web3j encodes, signs and decodes; this only transports.
 */
@ApplicationScoped
public class ChainRpcClient {

    private final ChainConfig config;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    public ChainRpcClient(ChainConfig config, Vertx vertx) {
        this.config = config;
        this.http = vertx.createHttpClient();
    }

    public record ChainStatus(long chainId, BigInteger blockNumber) {
    }

    public Uni<ChainStatus> status() {
        return call("eth_chainId").chain(id -> blockNumber()
                .map(block -> new ChainStatus(quantity(id).longValueExact(), block)));
    }

    public Uni<BigInteger> blockNumber() {
        return call("eth_blockNumber").map(ChainRpcClient::quantity);
    }

    /** The hash of the canonical block at {@code number}, or null when the chain is shorter. */
    public Uni<String> blockHash(long number) {
        return call("eth_getBlockByNumber", hex(number), false)
                .map(b -> b == null ? null : ((JsonObject) b).getString("hash"));
    }

    public Uni<JsonArray> logs(String address, String topic0, long fromBlock, long toBlock) {
        return logs(address, topic0, fromBlock, toBlock, null);
    }

    /** {@code toBlock} null: to the latest block; {@code topic1} null: any. */
    public Uni<JsonArray> logs(String address, String topic0, long fromBlock, Long toBlock, String topic1) {
        JsonArray topics = new JsonArray().add(topic0);
        if (topic1 != null) {
            topics.add(topic1);
        }
        JsonObject filter = new JsonObject().put("address", address).put("fromBlock", hex(fromBlock))
                .put("toBlock", toBlock == null ? "latest" : hex(toBlock)).put("topics", topics);
        return call("eth_getLogs", filter).map(r -> (JsonArray) r);
    }

    /** Result of an {@code eth_call} against the latest block (hex data). */
    public Uni<String> ethCall(String to, String data) {
        return call("eth_call", new JsonObject().put("to", to).put("data", data), "latest").map(r -> (String) r);
    }

    /** The code a contract creation would leave on chain: {@code eth_call} of the creation code, no {@code to}. */
    public Uni<String> simulateCreation(String creationCode) {
        return call("eth_call", new JsonObject().put("data", creationCode), "latest").map(r -> (String) r);
    }

    public Uni<BigInteger> pendingNonce(String address) {
        return call("eth_getTransactionCount", address, "pending").map(ChainRpcClient::quantity);
    }

    public Uni<BigInteger> gasPrice() {
        return call("eth_gasPrice").map(ChainRpcClient::quantity);
    }

    public Uni<String> code(String address) {
        return call("eth_getCode", address, "latest").map(r -> (String) r);
    }

    /** Sends signed bytes; RPC errors (already known, nonce too low, reverted) come back as {@link RpcError}. */
    public Uni<String> sendRaw(String signedHex) {
        return call("eth_sendRawTransaction", signedHex).map(r -> (String) r);
    }

    public Uni<JsonObject> receipt(String txHash) {
        return call("eth_getTransactionReceipt", txHash).map(r -> (JsonObject) r);
    }

    public Uni<JsonObject> transaction(String txHash) {
        return call("eth_getTransactionByHash", txHash).map(r -> (JsonObject) r);
    }

    /** Any JSON-RPC method; the result as Vert.x JSON (String, JsonObject, JsonArray or null). */
    public Uni<Object> call(String method, Object... params) {
        JsonObject body = new JsonObject().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method)
                .put("params", new JsonArray(List.of(params)));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.rpcUrl())
                .putHeader("content-type", "application/json").setTimeout(config.timeout().toMillis());
        return http.request(options)
                .chain(req -> req.send(Buffer.buffer(body.encode())))
                .onFailure().transform(t -> new ChainUnavailableException("chain RPC unreachable: " + t.getMessage()))
                .chain(resp -> resp.body().map(b -> {
                    if (resp.statusCode() != 200) {
                        throw new ChainUnavailableException("chain RPC answered HTTP " + resp.statusCode());
                    }
                    JsonObject json = new JsonObject(b.toString());
                    if (json.containsKey("error") && json.getValue("error") != null) {
                        JsonObject e = json.getJsonObject("error");
                        throw new RpcError(method, e.getInteger("code", 0), e.getString("message", e.encode()));
                    }
                    return json.getValue("result");
                }));
    }

    public static BigInteger quantity(Object hex) {
        String s = (String) hex;
        return new BigInteger(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    public static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    /** The node could not be reached or answered garbage: retry later. */
    public static class ChainUnavailableException extends RuntimeException {
        public ChainUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /** The node answered with a JSON-RPC error (the request itself was refused). */
    public static class RpcError extends RuntimeException {
        private final int code;

        public RpcError(String method, int code, String message) {
            super(method + ": " + message, null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
