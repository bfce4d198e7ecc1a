import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 4: REQUESTS lease requests fired at once (virtual threads, JDK HttpClient, loopback) at offers of a
 * fresh GPU model with GPUS GPUs in total; prints granted, refused (409 no-capacity), other, throughput and p50/p99.
 *   java bench/LeaseContention.java COMPUTE_URL PROVIDER_TOKEN BUYER_TOKEN REQUESTS OFFERS GPUS_PER_OFFER
 */
public class LeaseContention {

    public static void main(String[] a) throws Exception {
        String base = a[0];
        String provider = a[1];
        String buyer = a[2];
        int requests = Integer.parseInt(a[3]);
        int offers = Integer.parseInt(a[4]);
        int gpus = Integer.parseInt(a[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        String model = "BENCH-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < offers; i++) {
            String body = "{\"region\":\"eu-west\",\"gpuModel\":\"" + model + "\",\"vramGb\":80,\"gpuCount\":" + gpus
                    + ",\"cpuCores\":32,\"ramGb\":256,\"pricePerGpuHour\":\"" + (1000 + i) + "\",\"minHours\":1,\"maxHours\":24}";
            var r = http.send(post(base + "/v1/offers", provider, body, null), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("offer not created: " + r.statusCode() + " " + r.body());
            }
        }
        String lease = "{\"requirements\":{\"gpuModel\":\"" + model + "\"},\"gpus\":1,\"hours\":1}";
        // Warm-up on another model so the JIT and pools are ready, without touching the measured offers.
        for (int i = 0; i < 50; i++) {
            http.send(post(base + "/v1/leases", buyer, lease.replace(model, "WARMUP-NONE"), null), HttpResponse.BodyHandlers.discarding());
        }
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    long t0 = System.nanoTime();
                    var r = http.send(post(base + "/v1/leases", buyer, lease, UUID.randomUUID().toString()), HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t0);
                    if (r.statusCode() == 201) {
                        granted.incrementAndGet();
                    } else if (r.statusCode() == 409 && r.body().contains("no-capacity")) {
                        refused.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                } catch (Exception e) {
                    other.incrementAndGet();
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("model=%s requests=%d granted=%d refused=%d other=%d seconds=%.2f rps=%.1f p50_ms=%.1f p99_ms=%.1f%n",
                model, requests, granted.get(), refused.get(), other.get(), seconds, requests / seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e6);
    }

    static HttpRequest post(String url, String token, String body, String key) {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return b.build();
    }
}
