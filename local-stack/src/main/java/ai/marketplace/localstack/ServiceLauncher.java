package ai.marketplace.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs packaged services ({@code target/quarkus-app/quarkus-run.jar}) as JVM processes in the local profile, with
 * their configuration in env vars.
 */
public final class ServiceLauncher implements ServiceRunner {

    private final Path repo;
    private final Path home;
    private final String java;

    public ServiceLauncher(Path repo, Path home, String java) {
        this.repo = repo;
        this.home = home;
        this.java = java;
    }

    @Override
    public Instance start(String service, int replica, int port, Map<String, String> env) {
        String name = service + "-service" + (replica == 0 ? "" : "-" + replica);
        return start(service, name, repo, home, java, port, env);
    }

    public static ManagedProcess start(String service, Path repo, Path home, String java, int port,
            Map<String, String> config) {
        return start(service, service + "-service", repo, home, java, port, config);
    }

    private static ManagedProcess start(String service, String name, Path repo, Path home, String java, int port,
            Map<String, String> config) {
        Path jar = repo.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new StackException(service + "-service is not built (" + jar + " is missing)",
                    "run ./mvnw install -DskipTests, or deploy/local/up which builds what is missing");
        }
        Map<String, String> env = new HashMap<>(config);
        // The local profile: text logs, the dev chain's finality; what the images run (prod) has no local values.
        env.putIfAbsent("QUARKUS_PROFILE", "local");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(javaOptions());
        cmd.addAll(List.of("-jar", jar.toString()));
        return ManagedProcess.start(name, cmd, home, env, home.resolve("logs/" + name + ".log"));
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
