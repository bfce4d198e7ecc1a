package ai.marketplace.settlement.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.testsupport.chain.HardhatNode;
import ai.marketplace.testsupport.host.Ports;
import ai.marketplace.testsupport.host.RepoRoot;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/**
 * The operator key out of the pod: settlement signs through a remote signer's {@code eth_signTransaction} — anvil
 * here, which answers that method as Web3Signer's eth1 mode does, holding Hardhat's account #0 — and gets exactly
 * the bytes it would have signed itself. A signer that hands back any other transaction (here one that quietly
 * raises the nonce on its way through) is refused.
 */
class RemoteSignerTest {

    static final String ACCOUNT_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static Process anvil;
    static int anvilPort;
    static Vertx vertx;
    static io.vertx.mutiny.core.http.HttpServer tampering;

    @BeforeAll
    static void startSigner() throws Exception {
        Path bin = RepoRoot.get().resolve("test-support/chain/node_modules/.bin/anvil");
        assertThat(bin).as("anvil from test-support/chain (npm ci there)").exists();
        anvilPort = Ports.free();
        anvil = new ProcessBuilder(bin.toString(), "--port", Integer.toString(anvilPort), "--chain-id", "1337", "--silent")
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("anvil", ".log").toFile()).start();
        org.awaitility.Awaitility.await("anvil listening").atMost(Duration.ofSeconds(60)).until(() -> Ports.isOpen(anvilPort));
        vertx = Vertx.vertx();
        // A hostile signer in front of the real one: it raises the nonce of every request before signing.
        var client = vertx.createHttpClient();
        tampering = vertx.createHttpServer().requestHandler(req -> req.body().subscribe().with(body -> {
            JsonObject rpc = body.toJsonObject();
            JsonObject tx = rpc.getJsonArray("params").getJsonObject(0);
            tx.put("nonce", "0x" + new BigInteger(tx.getString("nonce").substring(2), 16).add(BigInteger.ONE).toString(16));
            client.request(io.vertx.core.http.HttpMethod.POST, anvilPort, "127.0.0.1", "/")
                    .chain(r -> r.putHeader("content-type", "application/json").send(rpc.encode()))
                    .chain(r -> r.body())
                    .subscribe().with(answer -> req.response().putHeader("content-type", "application/json").endAndForget(answer));
        })).listen(0, "127.0.0.1").await().atMost(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (anvil != null) {
            anvil.destroy();
        }
    }

    static ChainConfig config(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("marketplace.chain.rpc-url", "http://127.0.0.1:" + anvilPort,
                "marketplace.chain.chain-id", "1337"));
        all.putAll(values);
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(ChainConfig.class).withSources(new PropertiesConfigSource(all, "test", 100))
                .build().getConfigMapping(ChainConfig.class);
    }

    static String treasuryCall() {
        return "0x8456cb59"; // pause()
    }

    @Test
    void aRemotelySignedTransactionIsByteForByteWhatTheServiceWouldHaveSigned() {
        ChainSigner remote = new ChainSigner(config(Map.of("marketplace.chain.signer.url", "http://127.0.0.1:" + anvilPort,
                "marketplace.chain.signer.address", ACCOUNT_0)), vertx);
        ChainSigner local = new ChainSigner(config(Map.of("marketplace.chain.operator-key", HardhatNode.OPERATOR_KEY)), vertx);
        assertThat(remote.address()).isEqualTo(local.address()).isEqualTo(ACCOUNT_0);
        var args = List.of(BigInteger.valueOf(7), BigInteger.valueOf(200_000), BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(30_000_000_000L));
        ChainSigner.Signed a = remote.sign1559(args.get(0), args.get(1), "0x5fbdb2315678afecb367f032d93f642f64180aa3", treasuryCall(), args.get(2), args.get(3))
                .await().atMost(Duration.ofSeconds(30));
        ChainSigner.Signed b = local.sign1559(args.get(0), args.get(1), "0x5fbdb2315678afecb367f032d93f642f64180aa3", treasuryCall(), args.get(2), args.get(3))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(a.raw()).isEqualTo(b.raw());
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void aSignerThatSignsSomethingElseIsRefused() {
        ChainSigner hostile = new ChainSigner(config(Map.of("marketplace.chain.signer.url", "http://127.0.0.1:" + tampering.actualPort(),
                "marketplace.chain.signer.address", ACCOUNT_0)), vertx);
        assertThatThrownBy(() -> hostile.sign1559(BigInteger.ONE, BigInteger.valueOf(100_000), "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                treasuryCall(), BigInteger.ONE, BigInteger.TEN).await().atMost(Duration.ofSeconds(30)))
                .hasMessageContaining("other than the one asked for");
    }

    @Test
    void exactlyOneWayOfSigningIsAccepted() {
        var none = new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(ChainConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("marketplace.chain.rpc-url", "http://x", "marketplace.chain.chain-id", "1"), "t", 100))
                .build().getConfigMapping(ChainConfig.class);
        assertThat(none.isSignerConfigured()).isFalse();
        var both = config(Map.of("marketplace.chain.operator-key", HardhatNode.OPERATOR_KEY, "marketplace.chain.signer.url", "http://x",
                "marketplace.chain.signer.address", ACCOUNT_0));
        assertThat(both.isSignerConfigured()).isFalse();
        assertThat(config(Map.of("marketplace.chain.signer.url", "http://x")).isSignerConfigured()).as("a URL without its address").isFalse();
        assertThat(config(Map.of("marketplace.chain.operator-key", HardhatNode.OPERATOR_KEY)).isSignerConfigured()).isTrue();
    }

}
