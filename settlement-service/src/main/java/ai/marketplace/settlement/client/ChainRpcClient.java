package ai.marketplace.settlement.client;

import java.math.BigInteger;
import java.net.URI;
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
 * Minimal non-blocking JSON-RPC client for chain status. Contract calls and transactions go through web3j
 * (settlement issue); this only answers "which chain, which block", on the event loop.
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
        return call("eth_chainId").chain(id -> call("eth_blockNumber")
                .map(block -> new ChainStatus(hex(id).longValueExact(), hex(block))));
    }

    private Uni<String> call(String method) {
        URI uri = URI.create(config.rpcUrl());
        JsonObject body = new JsonObject().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method)
                .put("params", new JsonArray());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .putHeader("content-type", "application/json").setTimeout(config.timeout().toMillis());
        return http.request(options)
                .chain(req -> req.send(Buffer.buffer(body.encode())))
                .chain(resp -> resp.body().map(b -> {
                    if (resp.statusCode() != 200) {
                        throw new ChainUnavailableException("chain RPC answered HTTP " + resp.statusCode());
                    }
                    JsonObject json = new JsonObject(b.toString());
                    if (json.containsKey("error")) {
                        throw new ChainUnavailableException("chain RPC error: " + json.getValue("error"));
                    }
                    return json.getString("result");
                }))
                .onFailure(t -> !(t instanceof ChainUnavailableException))
                .transform(t -> new ChainUnavailableException("chain RPC unreachable: " + t.getMessage()));
    }

    private static BigInteger hex(String quantity) {
        return new BigInteger(quantity.startsWith("0x") ? quantity.substring(2) : quantity, 16);
    }

    public static class ChainUnavailableException extends RuntimeException {
        public ChainUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
