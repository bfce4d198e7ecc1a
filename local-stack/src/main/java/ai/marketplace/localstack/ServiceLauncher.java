package ai.marketplace.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts one packaged service ({@code target/quarkus-app/quarkus-run.jar}) with its configuration in env vars. */
public final class ServiceLauncher {

    private ServiceLauncher() {
    }

    public static ManagedProcess start(String service, Path repo, Path home, String java, int port,
            Map<String, String> config) {
        Path jar = repo.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new StackException(service + "-service is not built (" + jar + " is missing)",
                    "run ./mvnw install -DskipTests, or deploy/local/up which builds what is missing");
        }
        Map<String, String> env = new HashMap<>(config);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(javaOptions());
        cmd.addAll(List.of("-jar", jar.toString()));
        return ManagedProcess.start(service + "-service", cmd, home, env, home.resolve("logs/" + service + "-service.log"));
    }

    /**
     * JVM options of the services. By default tuned for starting four services, Keycloak and Kafka quickly on a small
     * machine: small heaps, serial GC and only the C1 compiler — which costs up to 3× in steady-state throughput, so
     * benchmarks run the services as production does (the JVM's own defaults), e.g.
     * {@code MARKETPLACE_SERVICE_JAVA_OPTS="-Xmx1g -XX:+UseParallelGC" deploy/local/up}.
     */
    public static List<String> javaOptions() {
        String configured = System.getenv("MARKETPLACE_SERVICE_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        return DEFAULT_JAVA_OPTIONS;
    }

    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    public static boolean ready(int port) {
        return Http.status("http://127.0.0.1:" + port + "/q/health/ready") == 200;
    }
}
