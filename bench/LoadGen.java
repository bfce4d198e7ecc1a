import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator on the JDK's HttpClient: {@code concurrency} virtual threads each send the
 * next request as soon as the previous answered, for {@code seconds} after a warm-up, on loopback. {id} in the URL
 * is replaced by md5(n)::uuid for a random n in 1..ids — the same ids bench/catalog-reads seeds and pgbench reads.
 * Prints one line: requests, errors, req/s, p50 ms, p99 ms.
 *
 *   java bench/LoadGen.java URL CONCURRENCY SECONDS [IDS] [HEADER]
 */
public class LoadGen {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int concurrency = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int ids = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String header = args.length > 4 ? args[4] : null;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        run(client, url, concurrency, Math.min(5, seconds), ids, header, null); // warm-up: JIT, pools, caches
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] r = run(client, url, concurrency, seconds, ids, header, latencies);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.99))) / 1e6;
        System.out.printf("requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f%n", r[0], r[1], r[0] / (double) seconds, p50, p99);
    }

    static long[] run(HttpClient client, String url, int concurrency, int seconds, int ids, String header, List<Long> latencies)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    String u = url.replace("{id}", id(ThreadLocalRandom.current().nextInt(1, ids + 1)))
                            .replace("{n}", Integer.toString(ThreadLocalRandom.current().nextInt(1, 51)));
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(10)).GET();
                    if (header != null) {
                        String[] h = header.split(":", 2);
                        b.header(h[0].trim(), h[1].trim());
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> resp = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
                        if (resp.statusCode() >= 400) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (latencies != null) {
                        latencies.add(System.nanoTime() - t0);
                    }
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new long[] { done.get(), errors.get() };
    }

    /** md5(n) as a UUID, exactly like PostgreSQL's md5(n::text)::uuid. */
    static String id(int n) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(Integer.toString(n).getBytes());
            String h = java.util.HexFormat.of().formatHex(d);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
