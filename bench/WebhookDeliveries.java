import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.sun.net.httpserver.HttpServer;

/**
 * Webhook delivery: a partner's fast receiver (answers 204 at once) on loopback, registered with partner-service of
 * the local stack. (1) Throughput: N events published on marketplace.catalog.v1 as the outbox relay publishes them
 * (structured CloudEvents, acks=all), over 256 aggregates, as fast as the broker takes them; deliveries per second
 * from the first to the last delivery. (2) Latency: M assets created through the gateway one after another; for
 * each AssetCreated, its CloudEvent time (the catalog transaction's) to its arrival at the receiver, and to its
 * arrival at a plain Kafka consumer of the same topic in the same run.
 * Usage: java -cp <local-stack classpath> bench/WebhookDeliveries.java GATEWAY REALM KAFKA N M
 */
public class WebhookDeliveries {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Map<String, Long> delivered = new ConcurrentHashMap<>();
    static final Map<String, Long> consumed = new ConcurrentHashMap<>();

    public static void main(String[] a) throws Exception {
        String gw = a[0], realm = a[1], kafka = a[2];
        int n = Integer.parseInt(a[3]), m = Integer.parseInt(a[4]);
        String probe = "ai.marketplace.catalog.WebhookBench" + UUID.randomUUID().toString().substring(0, 8).replace("-", "") + ".v1";
        String created = "ai.marketplace.catalog.AssetCreated.v1";

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            long now = System.currentTimeMillis();
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            ex.getRequestBody().readAllBytes();
            if (id != null) {
                delivered.putIfAbsent(id, now);
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();

        String partner = clientToken(realm), operator = userToken(realm, "operator1"), provider = userToken(realm, "provider1");
        String partnerId = field(send("GET", gw + "/v1/partners/me/grants", partner, null, 200), "partnerId");
        send("PUT", gw + "/v1/partners/" + partnerId + "/grants", operator, "{\"eventTypes\":[\"" + probe + "\",\"" + created + "\"]}", 200);
        String endpoint = field(send("POST", gw + "/v1/webhooks/endpoints", partner, "{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
                + "/bench\",\"eventTypes\":[\"" + probe + "\",\"" + created + "\"]}", 201), "id");

        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> consume(kafka, running));
        Thread.sleep(3_000); // the plain consumer has its partitions

        // (1) Throughput.
        List<String> ids = new ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("acks", "all");
        p.put("linger.ms", "5");
        long published0 = System.currentTimeMillis();
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString(), subject = "bench-" + (i % 256);
                ids.add(id);
                var record = new ProducerRecord<>("marketplace.catalog.v1", subject, cloudEvent(id, probe, subject));
                record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        long published = System.currentTimeMillis();
        long waitUntil = System.currentTimeMillis() + 600_000;
        while (!delivered.keySet().containsAll(ids) && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(50);
        }
        long got = ids.stream().filter(delivered::containsKey).count();
        long first = ids.stream().map(delivered::get).filter(x -> x != null).min(Long::compare).orElse(published0);
        long last = ids.stream().map(delivered::get).filter(x -> x != null).max(Long::compare).orElse(published0);
        double perSecond = got * 1000.0 / Math.max(1, last - first);
        double endToEnd = got * 1000.0 / Math.max(1, last - published0);

        // (2) Latency from the producing transaction, webhook beside Kafka.
        List<String> assets = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            assets.add(field(send("POST", gw + "/v1/assets", provider, "{\"kind\":\"DATASET\",\"name\":\"webhook bench " + i + " " + UUID.randomUUID()
                    + "\"}", 201), "id"));
        }
        waitUntil = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < waitUntil && !(eventsOf(assets).size() == m && delivered.keySet().containsAll(eventsOf(assets).keySet())
                && consumed.keySet().containsAll(eventsOf(assets).keySet()))) {
            Thread.sleep(100);
        }
        running.set(false);
        reader.join();
        List<Long> hook = new ArrayList<>(), plain = new ArrayList<>();
        eventsOf(assets).forEach((id, time) -> {
            if (delivered.containsKey(id) && consumed.containsKey(id)) {
                hook.add(delivered.get(id) - time);
                plain.add(consumed.get(id) - time);
            }
        });
        Collections.sort(hook);
        Collections.sort(plain);
        send("DELETE", gw + "/v1/webhooks/endpoints/" + endpoint, partner, null, 204);
        server.stop(0);
        System.out.printf("events=%d delivered=%d publish_s=%.1f deliveries_per_s=%.0f end_to_end_per_s=%.0f latency_events=%d webhook_p50_ms=%d webhook_p99_ms=%d kafka_p50_ms=%d kafka_p99_ms=%d%n",
                n, got, (published - published0) / 1000.0, perSecond, endToEnd, hook.size(), pct(hook, 0.50), pct(hook, 0.99), pct(plain, 0.50), pct(plain, 0.99));
    }

    /** Each asset's AssetCreated event id → the event's time (epoch ms), as the plain consumer saw them. */
    static final Map<String, String[]> createdEvents = new ConcurrentHashMap<>();

    static Map<String, Long> eventsOf(List<String> assets) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String asset : assets) {
            String[] e = createdEvents.get(asset);
            if (e != null) {
                out.put(e[0], Long.parseLong(e[1]));
            }
        }
        return out;
    }

    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\""), TYPE = Pattern.compile("\"type\":\"([^\"]+)\""),
            SUBJECT = Pattern.compile("\"subject\":\"([^\"]+)\""), TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    static void consume(String kafka, AtomicBoolean running) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("group.id", "webhook-bench-" + UUID.randomUUID());
        p.put("auto.offset.reset", "latest");
        try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("marketplace.catalog.v1"));
            while (running.get()) {
                for (var r : c.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    String v = r.value();
                    String id = find(ID, v), type = find(TYPE, v);
                    consumed.putIfAbsent(id, now);
                    if ("ai.marketplace.catalog.AssetCreated.v1".equals(type)) {
                        createdEvents.put(find(SUBJECT, v), new String[] { id,
                                Long.toString(OffsetDateTime.parse(find(TIME, v)).toInstant().toEpochMilli()) });
                    }
                }
            }
        }
    }

    static byte[] cloudEvent(String id, String type, String subject) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:ai-marketplace:bench\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\",\"time\":\"" + OffsetDateTime.now() + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"n\":\"" + id + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    static long pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    static String field(String json, String name) {
        return find(Pattern.compile("\"" + name + "\":\"([^\"]+)\""), json);
    }

    static String send(String method, String url, String token, String body, int expected) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String userToken(String realm, String user) throws Exception {
        return token(realm, "grant_type=password&client_id=marketplace-web&username=" + user + "&password=" + user + "-pass");
    }

    static String clientToken(String realm) throws Exception {
        return token(realm, "grant_type=client_credentials&client_id=marketplace-partner&client_secret=partner-local-secret");
    }

    static String token(String realm, String form) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return field(r.body(), "access_token");
    }
}
