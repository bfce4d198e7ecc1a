package ai.marketplace.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.marketplace.testsupport.host.RepoRoot;

/**
 * The production profile fails safe: a packaged service started with an empty environment — a container without
 * its ConfigMap and Secrets — exits at once and names every missing setting, instead of dialling 127.0.0.1.
 */
class ProductionProfileIT {

    static final List<String> EVERY_SERVICE_NEEDS = List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username", "quarkus.datasource.password", "kafka.bootstrap.servers", "quarkus.oidc.auth-server-url");
    static final Map<String, List<String>> ALSO = Map.of(
            "catalog", List.of("marketplace.catalog.licence-key-secret"),
            "settlement", List.of("marketplace.chain.rpc-url", "marketplace.chain.chain-id"),
            "compute", List.of(),
            "reputation", List.of(),
            "partner", List.of());

    @org.junit.jupiter.api.Test
    void settlementWithoutAKeyOrARemoteSignerRefusesToStart() throws Exception {
        String output = run("settlement", Map.of("MARKETPLACE_CHAIN_RPC_URL", "http://127.0.0.1:9", "MARKETPLACE_CHAIN_CHAIN_ID", "1"));
        assertThat(output).contains("set exactly one of MARKETPLACE_CHAIN_OPERATOR_KEY and MARKETPLACE_CHAIN_SIGNER_URL");
    }

    static String run(String service, Map<String, String> env) throws Exception {
        Path jar = RepoRoot.get().resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        Path out = Files.createTempFile(service + "-prod", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s exits on its own", service).isTrue();
        String output = Files.readString(out);
        assertThat(p.exitValue()).as("%s exit code; output:%n%s", service, output).isNotZero();
        return output;
    }

    @ParameterizedTest
    @ValueSource(strings = { "catalog", "compute", "settlement", "reputation", "partner" })
    void withoutItsSettingsAServiceRefusesToStartAndNamesEachMissingOne(String service) throws Exception {
        String output = run(service, Map.of());
        assertThat(output).contains("Configuration validation failed");
        List<String> expected = new ArrayList<>(EVERY_SERVICE_NEEDS);
        expected.addAll(ALSO.get(service));
        for (String setting : expected) {
            assertThat(output).as("%s names %s", service, setting).containsPattern("SRCFG0001[14].*" + java.util.regex.Pattern.quote(setting));
        }
        assertThat(output).as("nothing was contacted").doesNotContain("Connection refused").doesNotContain("Flyway");
    }
}
