package ai.marketplace.system;

import static ai.marketplace.system.SystemStack.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;

import ai.marketplace.localstack.LocalStackMain;
import ai.marketplace.localstack.ServiceRunner;
import ai.marketplace.testsupport.host.RepoRoot;
import io.restassured.http.ContentType;

/**
 * The service images as Kubernetes runs them: every replica of the four services is its image, started as its
 * generated Deployment says (replicas, user, read-only root, capabilities, limits, readiness probe) against the
 * suite's real PostgreSQL, Kafka, Hardhat chain and Keycloak, behind the gateway. Runs in its own Failsafe
 * execution with {@code -Dmarketplace.system.containers=true}; skipped with one line where no Docker engine runs.
 * Start-to-ready times and memory are written to {@code target/container-report.txt} (docs/benchmarks.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({ DockerAvailable.class, SystemStack.class })
class ContainerIT {

    static final Map<String, String> report = new TreeMap<>();

    @Test
    @Order(1)
    void everyReplicaRunsAsItsDeploymentRunsIt() throws Exception {
        var docker = DockerClientFactory.instance().client();
        for (String service : LocalStackMain.SERVICES) {
            DeploymentSpec spec = DeploymentSpec.read(RepoRoot.get(), service);
            List<ServiceRunner.Instance> replicas = stack().replicas(service);
            assertThat(replicas).as("%s replicas as the Deployment has", service).hasSize(spec.replicas()).hasSizeGreaterThan(1);
            for (ServiceRunner.Instance r : replicas) {
                var c = (ContainerRunner.ContainerInstance) r;
                var inspect = docker.inspectContainerCmd(c.id()).exec();
                assertThat(inspect.getConfig().getImage()).isEqualTo(spec.image());
                // Each replica here gets a port of its own (host network); the image itself must listen on the pod's port.
                assertThat(docker.inspectImageCmd(spec.image()).exec().getConfig().getEnv())
                        .as("the image listens where the Deployment's containerPort says").contains("QUARKUS_HTTP_PORT=" + spec.containerPort());
                var host = inspect.getHostConfig();
                assertThat(host.getReadonlyRootfs()).isTrue();
                assertThat(host.getMemory()).isEqualTo(spec.memoryLimitBytes());
                assertThat(host.getNanoCPUs()).isEqualTo(spec.cpuLimitNanos());
                assertThat(host.getSecurityOpts()).contains("no-new-privileges");
                // The kernel's view of the running JVM, not the configuration: its real user and its capabilities.
                String status = Files.readString(Path.of("/proc/" + inspect.getState().getPid() + "/status"));
                assertThat(field(status, "Uid")).as("%s runs as the Deployment's user", c.name())
                        .startsWith(spec.runAsUser() + "\t").doesNotStartWith("0\t");
                assertThat(field(status, "CapEff")).as("no effective capabilities").isEqualTo("0000000000000000");
                assertThat(field(status, "NoNewPrivs")).isEqualTo("1");
                var writeRoot = c.container().execInContainer("/bin/sh", "-c", "echo x > /probe");
                assertThat(writeRoot.getExitCode()).as("root filesystem is read-only").isNotZero();
                assertThat(writeRoot.getStderr()).contains("Read-only file system");
                var writeTmp = c.container().execInContainer("/bin/sh", "-c", "echo x > /tmp/probe");
                assertThat(writeTmp.getExitCode()).as("/tmp (the pod's emptyDir) is writable").isZero();
                // The JVM sized its heap from the container's limit (MaxRAMPercentage), not from the machine's 24 GB.
                assertThat(maxHeapBytes(c)).isLessThanOrEqualTo(spec.memoryLimitBytes());
            }
        }
        // The gateway spreads requests over the ready replicas, as a Service does over its endpoints: checked while the
        // system is quiet (a replica whose probe is slow under load is out until it answers within the timeout again).
        await().atMost(PATIENCE).untilAsserted(() -> {
            given().get(gateway + "/v1/assets/" + UUID.randomUUID()).then().statusCode(org.hamcrest.Matchers.anyOf(
                    org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(404)));
            given().get(gateway + "/v1/offers/" + UUID.randomUUID()).then().statusCode(org.hamcrest.Matchers.anyOf(
                    org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(404)));
            assertEveryReplicaServed("catalog");
            assertEveryReplicaServed("compute");
        });
        report.put("ready-ms", new TreeMap<>(containerRunner.readyMillis).toString());
        report.put("memory-idle-MiB", memory().toString());
    }

    @Test
    @Order(2)
    void aPurchaseSettlesAcrossReplicasWhileASettlementReplicaIsKilledMidSaga() throws Exception {
        String provider = token("provider1");
        String buyer = token("buyer1");
        Listing listing = listModel(provider, "Container model " + UUID.randomUUID(), BigInteger.valueOf(5_000_000));
        String asset = listing.asset();
        String plan = listing.plan();
        deposit(buyer, 1, BigInteger.valueOf(20_000_000));
        BigInteger providerBefore = available(provider);

        String order = given().auth().oauth2(buyer).header("Idempotency-Key", "container-order-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body("{\"assetId\":\"" + asset + "\",\"planId\":\"" + plan + "\"}")
                .post(gateway + "/v1/orders").then().statusCode(201).extract().path("id");
        // Mid-saga: the order is placed, its payment not yet captured, and one settlement replica crashes.
        stack().killReplica("settlement", 0);
        stack().startReplica("settlement", 0);
        await().atMost(PATIENCE).until(() -> "FULFILLED".equals(get(buyer, "/v1/orders/" + order).getString("state")));
        await().atMost(PATIENCE).until(() -> available(provider).equals(providerBefore.add(BigInteger.valueOf(4_875_000))));
        assertThat(types("marketplace.settlement.v1", order, 2)).containsExactly("PaymentHeld", "PaymentCaptured");
        assertLedgerSound();
        report.put("memory-after-purchase-MiB", memory().toString());
    }

    @Test
    @Order(3)
    void aRentalSettlesWhileAComputeReplicaIsKilledMidSaga() throws Exception {
        String provider = token("provider2");
        String renter = token("buyer1");
        String offer = offer(provider, 8);
        BigInteger before = available(renter);
        BigInteger providerBefore = available(provider);
        String lease = lease(renter, offer, 4, 3);
        stack().killReplica("compute", 1);
        stack().startReplica("compute", 1);
        useFourGpuHoursAndEnd(provider, renter, lease);
        await().atMost(PATIENCE).until(() -> available(provider).equals(providerBefore.add(BigInteger.valueOf(3_900))));
        await().atMost(PATIENCE).until(() -> available(renter).equals(before.subtract(BigInteger.valueOf(4_000))));
        assertThat(types("marketplace.settlement.v1", lease, 3)).containsExactly("PaymentHeld", "PaymentCaptured", "HoldReleased");
        assertLedgerSound();
        writeReport();
    }

    @Test
    @Order(4)
    void aChangeAcknowledgedByOneCatalogReplicaIsNeverServedStaleByAnother() {
        String provider = token("provider1");
        String asset = listModel(provider, "Coherent model " + UUID.randomUUID(), BigInteger.valueOf(1_000)).asset();
        List<Integer> ports = stack().replicaPorts("catalog");
        assertThat(ports).hasSizeGreaterThan(1);
        String writer = "http://127.0.0.1:" + ports.get(0) + "/v1/assets/" + asset;
        String reader = "http://127.0.0.1:" + ports.get(1) + "/v1/assets/" + asset;
        double hitsBefore = assetCacheHits(ports.get(1));
        for (int i = 1; i <= 50; i++) {
            // The reader holds the current version in memory (the second read is a hit)...
            String etag = given().get(reader).then().statusCode(200).extract().header("ETag");
            given().get(reader).then().statusCode(200).header("ETag", etag);
            // ...the other replica changes it and acknowledges...
            String changed = given().auth().oauth2(provider).header("If-Match", etag).contentType(ContentType.JSON)
                    .body("{\"name\":\"Coherent " + i + "\",\"licence\":\"Apache-2.0\",\"tags\":[\"system\"]}")
                    .put(writer).then().statusCode(200).extract().header("ETag");
            assertThat(changed).isNotEqualTo(etag);
            // ...and the reader's very next answer is the new version, and the old validator no longer matches.
            given().get(reader).then().statusCode(200).header("ETag", changed)
                    .body("name", org.hamcrest.Matchers.equalTo("Coherent " + i));
            given().header("If-None-Match", etag).get(reader).then().statusCode(200).header("ETag", changed);
        }
        assertThat(assetCacheHits(ports.get(1)) - hitsBefore).as("the reader served from memory").isGreaterThanOrEqualTo(50);
        // The same for the asset's active plans: a plan added through one replica is listed by the other at once.
        for (int i = 1; i <= 10; i++) {
            int listed = given().get(reader + "/plans").then().statusCode(200).extract().path("size()");
            given().get(reader + "/plans").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(listed));
            given().auth().oauth2(provider).contentType(ContentType.JSON).body("{\"type\":\"ONE_TIME\",\"price\":\"" + (1_000 + i) + "\"}")
                    .post(writer + "/plans").then().statusCode(201);
            given().get(reader + "/plans").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(listed + 1));
        }
    }

    /** Reads by id the replica answered from its asset cache, from its Prometheus metrics. */
    static double assetCacheHits(int port) {
        String metrics = given().get("http://127.0.0.1:" + port + "/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^cache_gets_total\\{(?=[^}]*cache=\"catalog.assets\")(?=[^}]*result=\"hit\")[^}]*\\} ([0-9.E+-]+)$")
                .matcher(metrics);
        assertThat(m.find()).as("the asset cache's hits are exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    static String field(String procStatus, String name) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError(name + " not in /proc status");
    }

    /** The heap the JVM in the container may grow to, from its own metrics. */
    static long maxHeapBytes(ContainerRunner.ContainerInstance c) {
        int port = Integer.parseInt(c.container().getEnvMap().get("QUARKUS_HTTP_PORT"));
        String metrics = given().get("http://127.0.0.1:" + port + "/q/metrics").then().statusCode(200).extract().asString();
        long max = 0;
        Matcher m = Pattern.compile("(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+-]+)$").matcher(metrics);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            max += v > 0 ? (long) v : 0;
        }
        assertThat(max).as("heap maximum reported").isPositive();
        return max;
    }

    /** The gateway spread requests over the service's replicas: each has answered some since it started. */
    static void assertEveryReplicaServed(String service) {
        for (int port : stack().replicaPorts(service)) {
            assertThat(servedV1Requests(port)).as("%s replica on :%d served requests through the gateway (the gateway's count per port: %s;"
                    + " its readiness: %s; its request metrics: %s)", service, port, stack().gatewayForwarded(),
                    given().get("http://127.0.0.1:" + port + "/q/health/ready").statusCode(), requestMetrics(port)).isPositive();
        }
    }

    static List<String> requestMetrics(int port) {
        return given().get("http://127.0.0.1:" + port + "/q/metrics").asString().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count")).toList();
    }

    /** Requests to /v1 paths this replica has answered, from its Prometheus metrics. */
    static long servedV1Requests(int port) {
        String metrics = given().get("http://127.0.0.1:" + port + "/q/metrics").then().statusCode(200).extract().asString();
        // Label values are quoted and may hold braces (uri="/v1/offers/{id}"); a sampled request's line ends with an
        // exemplar (" # {trace_id=…} 1.0 …") after the value.
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{((?:[^\"}]|\"[^\"]*\")*)\\} ([0-9.E+]+)").matcher(metrics);
        long n = 0;
        while (m.find()) {
            if (m.group(1).contains("uri=\"/v1/")) {
                n += (long) Double.parseDouble(m.group(2));
            }
        }
        return n;
    }

    /** Each container's memory use as the engine accounts it (what the limit is enforced against), in MiB. */
    static Map<String, Long> memory() {
        var docker = DockerClientFactory.instance().client();
        Map<String, Long> out = new TreeMap<>();
        for (String service : LocalStackMain.SERVICES) {
            for (ServiceRunner.Instance r : stack().replicas(service)) {
                var c = (ContainerRunner.ContainerInstance) r;
                List<Statistics> got = new ArrayList<>();
                try (var stats = docker.statsCmd(c.id()).withNoStream(true).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Statistics s) {
                        got.add(s);
                    }
                })) {
                    stats.awaitCompletion();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                var mem = got.get(got.size() - 1).getMemoryStats();
                long cache = mem.getStats() == null || mem.getStats().getInactiveFile() == null ? 0 : mem.getStats().getInactiveFile();
                out.put(c.name(), (mem.getUsage() - cache) / (1024 * 1024));
            }
        }
        return out;
    }

    static void writeReport() throws IOException {
        var docker = DockerClientFactory.instance().client();
        Map<String, String> sizes = new TreeMap<>();
        for (String service : LocalStackMain.SERVICES) {
            String image = DeploymentSpec.read(RepoRoot.get(), service).image();
            var img = docker.inspectImageCmd(image).exec();
            sizes.put(image, (img.getSize() / 1_000_000) + " MB");
        }
        report.put("image-size", sizes.toString());
        StringBuilder b = new StringBuilder();
        report.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        Path out = RepoRoot.get().resolve("system-tests/target/container-report.txt");
        Files.writeString(out, b.toString());
        System.out.println("[container suite] report " + out + "\n" + b);
    }
}
