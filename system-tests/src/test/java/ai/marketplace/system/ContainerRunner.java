package ai.marketplace.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.model.Capability;

import ai.marketplace.localstack.ServiceRunner;

/**
 * Runs each service replica as its image, as its Kubernetes Deployment runs it ({@link DeploymentSpec}): as the
 * Deployment's user, read-only root filesystem with tmpfs where the pod mounts an emptyDir, capabilities dropped,
 * no privilege escalation, the Deployment's CPU and memory limits, in the production profile (no QUARKUS_PROFILE)
 * and started when its readiness probe passes. Containers share the host's network (all traffic stays on
 * 127.0.0.1), so each replica gets a port of its own instead of the pod's 8080. Ready times are recorded.
 */
final class ContainerRunner implements ServiceRunner {

    private final Map<String, DeploymentSpec> specs;
    private final Path logs;
    /** Replica name → milliseconds from {@code docker create} to a passing readiness probe. */
    final Map<String, Long> readyMillis = new ConcurrentHashMap<>();

    ContainerRunner(Map<String, DeploymentSpec> specs, Path logs) {
        this.specs = specs;
        this.logs = logs;
    }

    @Override
    public Instance start(String service, int replica, int port, Map<String, String> config) {
        DeploymentSpec spec = specs.get(service);
        String name = service + "-service-" + replica;
        Map<String, String> env = new LinkedHashMap<>(config);
        env.remove("QUARKUS_PROFILE");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Path log = logs.resolve(name + ".log");
        Map<String, String> tmpfs = new LinkedHashMap<>();
        spec.emptyDirMounts().forEach(m -> tmpfs.put(m, "rw,nosuid,nodev,size=128m"));
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(spec.image()))
                .withNetworkMode("host")
                .withEnv(env)
                .withLogConsumer(frame -> append(log, frame))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName("marketplace-test-" + name + "-" + port);
                    cmd.withUser(Long.toString(spec.runAsUser()));
                    var host = cmd.getHostConfig();
                    host.withReadonlyRootfs(spec.readOnlyRootFilesystem())
                            .withCapDrop(spec.dropCapabilities().stream().map(Capability::valueOf).toArray(Capability[]::new))
                            .withMemory(spec.memoryLimitBytes())
                            .withMemorySwap(spec.memoryLimitBytes())
                            .withNanoCPUs(spec.cpuLimitNanos())
                            .withTmpFs(tmpfs);
                    if (!spec.allowPrivilegeEscalation()) {
                        host.withSecurityOpts(List.of("no-new-privileges"));
                    }
                })
                .waitingFor(new ReadinessProbe(port, spec.readinessPath()))
                .withStartupTimeout(Duration.ofMinutes(4));
        long t0 = System.nanoTime();
        // Started in the background: the stack starts every replica, then waits for each one's readiness, as it
        // does for processes. One after another, ten replicas capped at one CPU each took three minutes of the
        // suite; together they use both cores.
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            c.start();
            readyMillis.put(name, (System.nanoTime() - t0) / 1_000_000);
        }, STARTER);
        return new ContainerInstance(name, c, log, started);
    }

    private static final java.util.concurrent.ExecutorService STARTER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "container-start");
        t.setDaemon(true);
        return t;
    });

    private static void append(Path log, OutputFrame frame) {
        try {
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kubelet's readiness check: HTTP GET on the probe's path answers 200. */
    static final class ReadinessProbe extends AbstractWaitStrategy {
        private final int port;
        private final String path;

        ReadinessProbe(int port, String path) {
            this.port = port;
            this.path = path;
        }

        @Override
        protected void waitUntilReady() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            org.awaitility.Awaitility.await("readiness probe " + path + " on :" + port).atMost(startupTimeout)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!waitStrategyTarget.isRunning()) {
                            throw new IllegalStateException("container exited before its readiness probe passed");
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false; // not listening yet
                        }
                    });
        }
    }

    record ContainerInstance(String name, GenericContainer<?> container, Path log, CompletableFuture<Void> started)
            implements Instance {

        /** The container, once {@code docker create} and {@code start} have returned and its probe passed. */
        public GenericContainer<?> container() {
            started.join();
            return container;
        }

        String id() {
            return container().getContainerId();
        }

        @Override
        public boolean isAlive() {
            if (!started.isDone()) {
                return true; // still being created or started: the stack's readiness wait decides
            }
            return !started.isCompletedExceptionally() && container.isRunning();
        }

        @Override
        public String logs() {
            return log.toString();
        }

        @Override
        public void kill() {
            DockerClientFactory.instance().client().killContainerCmd(id()).withSignal("KILL").exec();
        }

        @Override
        public void close() {
            try {
                started.join();
            } catch (RuntimeException failedToStart) {
                // stop() below removes whatever was created
            }
            container.stop();
        }
    }
}
