package ai.marketplace.infra.local;

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
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        return ManagedProcess.start(service + "-service", cmd, home, env, home.resolve("logs/" + service + "-service.log"));
    }

    public static boolean ready(int port) {
        return Http.status("http://127.0.0.1:" + port + "/q/health/ready") == 200;
    }
}
