package ai.marketplace.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.marketplace.testsupport.chain.HardhatNode;
import ai.marketplace.testsupport.host.Ports;
import ai.marketplace.testsupport.host.RepoRoot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The local stack's chain survives a restart: a transaction sent before the stop is on the chain after the next
 * start, with the same block hash, and a recording that does not match the chain is refused, never half-kept.
 */
class DevChainTest {

    static JsonObject rpc(String url, String method, Object... params) throws Exception {
        String body = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", method)
                .put("params", new JsonArray(java.util.List.of(params))).encode();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject j = new JsonObject(r.body());
        assertThat(j.containsKey("error")).as("%s: %s", method, j.getValue("error")).isFalse();
        return j;
    }

    static String transfer(String url) throws Exception {
        String from = HardhatNode.DEV_ACCOUNTS.get(0);
        return rpc(url, "eth_sendTransaction", new JsonObject().put("from", from).put("to", HardhatNode.DEV_ACCOUNTS.get(1))
                .put("value", "0x2540be400")).getString("result");
    }

    static long recordedBlocks(Path home) throws Exception {
        Path blocks = home.resolve("chain/blocks.jsonl");
        return Files.exists(blocks) ? Files.readAllLines(blocks).size() : 0;
    }

    @Test
    void aRestartKeepsTheChainBlockForBlock(@TempDir Path home) throws Exception {
        Path repo = RepoRoot.get();
        int port = Ports.free();
        String tx;
        String blockHash;
        try (DevChain first = DevChain.start(repo, home, port, false)) {
            assertThat(first.kept()).isFalse();
            // A long idle stretch before the transaction, as when a user starts the stack and only later deposits
            // (the replay must mine each empty block as it was: Hardhat's bulk mining would change the next one).
            for (int i = 0; i < 60; i++) {
                rpc(first.rpcUrl(), "evm_mine");
            }
            tx = transfer(first.rpcUrl());
            JsonObject receipt = rpc(first.rpcUrl(), "eth_getTransactionReceipt", tx).getJsonObject("result");
            blockHash = receipt.getString("blockHash");
            long txBlock = Long.decode(receipt.getString("blockNumber"));
            // The recorder has written the block of the transaction and one after it.
            await().atMost(Duration.ofSeconds(60)).until(() -> recordedBlocks(home) > txBlock + 1);
        }

        try (DevChain second = DevChain.start(repo, home, port, false)) {
            assertThat(second.kept()).as(second.story()).isTrue();
            JsonObject receipt = rpc(second.rpcUrl(), "eth_getTransactionReceipt", tx).getJsonObject("result");
            assertThat(receipt).as("the transaction survived the restart").isNotNull();
            assertThat(receipt.getString("blockHash")).isEqualTo(blockHash);
            // The chain goes on from there: new blocks are mined and recorded again.
            long before = recordedBlocks(home);
            String later = transfer(second.rpcUrl());
            assertThat(rpc(second.rpcUrl(), "eth_getTransactionReceipt", later).getJsonObject("result")).isNotNull();
            await().atMost(Duration.ofSeconds(60)).until(() -> recordedBlocks(home) > before);
        }

        // A recording that the chain cannot reproduce (here: a forged hash) is not claimed kept.
        Path blocks = home.resolve("chain/blocks.jsonl");
        var lines = new java.util.ArrayList<>(Files.readAllLines(blocks));
        JsonObject last = new JsonObject(lines.get(lines.size() - 1));
        lines.set(lines.size() - 1, last.put("hash", "0x" + "ab".repeat(32)).encode());
        Files.write(blocks, lines);
        try (DevChain third = DevChain.start(repo, home, port, false)) {
            assertThat(third.kept()).isFalse();
            assertThat(third.story()).startsWith("NEW: the previous chain could not be restored").contains("recorded 0xabab");
            assertThat(rpc(third.rpcUrl(), "eth_getTransactionReceipt", tx).getValue("result")).as("a new chain").isNull();
        }

        try (DevChain fresh = DevChain.start(repo, home, port, true)) {
            assertThat(fresh.kept()).isFalse();
            assertThat(fresh.story()).isEqualTo("new");
        }
    }
}
