package ai.marketplace.system;

import static ai.marketplace.system.SystemStack.stack;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import ai.marketplace.localstack.ManagedProcess;
import ai.marketplace.localstack.ServiceLauncher;
import ai.marketplace.testsupport.host.Ports;
import ai.marketplace.testsupport.host.RepoRoot;
import ai.marketplace.testsupport.kafka.EmbeddedKafkaAdmin;

/**
 * An operator's contracts deployment: {@code deploy/chain/deploy-contracts} deploys a test token and the Treasury to
 * the running chain, verifies them and writes the addresses into a copy of an overlay's installation.yaml; a
 * settlement in the production profile, configured with those addresses (no dev deployment), starts and resolves
 * them; one pointed at a contract that is not this release's Treasury refuses to run. The extra settlements use
 * their own database and topics, so the shared stack's sagas never see them.
 */
@ExtendWith(SystemStack.class)
class ContractsDeploymentIT {

    // Keys of this test's own, never seen by the chain before: their nonces and roles are this test's alone. The
    // deployer gets its gas money from the dev chain (hardhat_setBalance).
    static final Credentials DEPLOYER = fresh();
    static final Credentials SIGNER = fresh();
    static final Credentials ADMIN = fresh();

    static Credentials fresh() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(Credentials c) {
        return Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64);
    }

    @Test
    void theDeployedContractsAreWhatSettlementStartsWithAndALookAlikeIsRefused() throws Exception {
        Path repo = RepoRoot.get();
        Path installation = Files.createTempFile("installation", ".yaml");
        Files.copy(repo.resolve("deploy/kubernetes/overlays/dev/installation.yaml"), installation, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var funded = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + stack().chainPort())).header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hardhat_setBalance\",\"params\":[\""
                        + DEPLOYER.getAddress() + "\",\"0x3635c9adc5dea00000\"]}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(funded.body()).contains("\"result\":true");
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("deploy/chain/deploy-contracts").toString(),
                "--rpc", "http://127.0.0.1:" + stack().chainPort(), "--chain-id", "1337",
                "--admin", ADMIN.getAddress(), "--operator", SIGNER.getAddress(), "--deploy-test-token",
                "--installation", installation.toString()).redirectErrorStream(true);
        pb.environment().put("DEPLOYER_KEY", key(DEPLOYER));
        Process deploy = pb.start();
        String out = new String(deploy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(deploy.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(deploy.exitValue()).as(out).isZero();
        assertThat(out).contains("verified: code matches the build");
        String written = Files.readString(installation);
        String token = value(written, "token-address");
        String treasury = value(written, "treasury-address");
        assertThat(value(written, "chain-id")).isEqualTo("1337");
        assertThat(token).matches("0x[0-9a-f]{40}").isNotEqualTo("0x" + "0".repeat(40));
        assertThat(treasury).matches("0x[0-9a-f]{40}").isNotEqualTo(token);

        int port = Ports.free();
        ManagedProcess settlement = startSettlement("deployed", port, token, treasury);
        try {
            settlement.awaitReady(() -> ServiceLauncher.ready(port), 180, "/q/health/ready");
            String health = given().get("http://127.0.0.1:" + port + "/q/health/ready").asString();
            assertThat(health).contains("\"treasury\": \"" + treasury + "\"").contains("\"contracts\": \"resolved\"");
        } finally {
            settlement.close();
        }

        // The token's address as the Treasury: code is there, but not this release's Treasury.
        int other = Ports.free();
        ManagedProcess lookAlike = startSettlement("lookalike", other, token, token);
        try {
            assertThat(lookAlike.process().waitFor(3, TimeUnit.MINUTES)).as("settlement stops on its own").isTrue();
            assertThat(lookAlike.process().exitValue()).isNotZero();
            assertThat(Files.readString(lookAlike.log())).contains("Refusing to run").contains("is not this release's Treasury");
        } finally {
            lookAlike.close();
        }
    }

    static ManagedProcess startSettlement(String name, int port, String token, String treasury) throws Exception {
        String db = "settlement_" + name;
        SystemStack.sql("postgres", "drop database if exists " + db);
        SystemStack.sql("postgres", "create database " + db);
        String prefix = "contracts-it-" + name + ".";
        String[] topics = { prefix + "catalog.v1", prefix + "compute.v1", prefix + "reputation.v1", prefix + "settlement.v1",
                prefix + "settlement.private.v1" };
        EmbeddedKafkaAdmin.createTopics(stack().kafkaBootstrap(), 1, topics);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + stack().pgPort() + "/" + db);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + stack().pgPort() + "/" + db);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack().kafkaBootstrap());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + stack().keycloakPort() + "/realms/marketplace");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("MARKETPLACE_CHAIN_RPC_URL", "http://127.0.0.1:" + stack().chainPort());
        env.put("MARKETPLACE_CHAIN_CHAIN_ID", "1337");
        env.put("MARKETPLACE_CHAIN_FINALITY", "DEPTH");
        env.put("MARKETPLACE_CHAIN_CONFIRMATIONS", "2");
        env.put("MARKETPLACE_CHAIN_DEV_DEPLOY", "false");
        env.put("MARKETPLACE_CHAIN_TOKEN_ADDRESS", token);
        env.put("MARKETPLACE_CHAIN_TREASURY_ADDRESS", treasury);
        env.put("MARKETPLACE_CHAIN_OPERATOR_KEY", key(SIGNER));
        // Its own topics and groups: nothing it consumes or publishes reaches the shared stack.
        env.put("MARKETPLACE_EVENTS_TOPIC", prefix + "settlement.v1");
        env.put("MARKETPLACE_EVENTS_PRIVATE_TOPIC", prefix + "settlement.private.v1");
        for (String channel : new String[] { "catalog", "compute", "reputation" }) {
            String c = channel.toUpperCase(java.util.Locale.ROOT);
            env.put("MP_MESSAGING_INCOMING_" + c + "_EVENTS_TOPIC", prefix + channel + ".v1");
            env.put("MP_MESSAGING_INCOMING_" + c + "_EVENTS_GROUP_ID", prefix + "settlement");
        }
        Path home = RepoRoot.get().resolve("system-tests/target/contracts-it");
        Files.createDirectories(home.resolve("logs"));
        return ServiceLauncher.start("settlement", RepoRoot.get(), home, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                port, env);
    }

    static String value(String yaml, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*\"?([^\"\\s]+)\"?\\s*$").matcher(yaml);
        assertThat(m.find()).as(key + " in the installation file").isTrue();
        return m.group(1);
    }
}
