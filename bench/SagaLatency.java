import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 3: the purchase saga's latency — POST /v1/orders until the order is FULFILLED (the licence is written
 * in the same transaction) — over N sequential orders through the gateway, beside the raw produce→consume round
 * trip of the same Kafka broker with a plain client (acks=all, as the outbox relay produces). The saga crosses
 * Kafka twice: OrderPlaced (catalog → settlement) and PaymentHeld (settlement → catalog).
 * Usage: java -cp <local-stack classpath> bench/SagaLatency.java GATEWAY REALM CHAIN KAFKA N
 */
public class SagaLatency {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int HOPS = 2;

    public static void main(String[] a) throws Exception {
        String gw = a[0], realm = a[1], chain = a[2], kafka = a[3];
        int n = Integer.parseInt(a[4]);
        String provider = token(realm, "provider1"), buyer = token(realm, "buyer1");
        String asset = field(send("POST", gw + "/v1/assets", provider, "{\"kind\":\"MODEL\",\"name\":\"Saga bench " + UUID.randomUUID() + "\",\"licence\":\"Apache-2.0\"}", 201), "id");
        String version = field(send("POST", gw + "/v1/assets/" + asset + "/versions", provider, "{\"semver\":\"1.0.0\",\"digest\":\"" + "ab".repeat(32)
                + "\",\"sizeBytes\":1,\"storageUri\":\"s3://bench/m\",\"format\":\"onnx\",\"metrics\":[],\"derivedFrom\":[],\"trainedOn\":[]}", 201), "id");
        send("POST", gw + "/v1/assets/" + asset + "/versions/" + version + "/publish", provider, null, 200);
        String plan = field(send("POST", gw + "/v1/assets/" + asset + "/plans", provider, "{\"type\":\"ONE_TIME\",\"price\":\"1000\"}", 201), "id");
        send("POST", gw + "/v1/assets/" + asset + "/publish", provider, null, 200);
        fund(gw, chain, buyer, 1000L * (n + 100));

        for (int i = 0; i < 50; i++) { // warm-up
            order(gw, buyer, asset, plan);
        }
        List<Long> saga = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            saga.add(order(gw, buyer, asset, plan));
        }
        List<Long> raw = kafkaRoundTrips(kafka, n);
        Collections.sort(saga);
        Collections.sort(raw);
        double sagaP50 = ms(saga, 0.50), sagaP99 = ms(saga, 0.99), rawP50 = ms(raw, 0.50), rawP99 = ms(raw, 0.99);
        System.out.printf("orders=%d saga_p50_ms=%.1f saga_p99_ms=%.1f saga_max_ms=%.1f raw_p50_ms=%.2f raw_p99_ms=%.2f hops=%d budget_ms=%.1f ratio=%.2f%n",
                n, sagaP50, sagaP99, ms(saga, 1.0), rawP50, rawP99, HOPS, 5 * rawP99 * HOPS, sagaP99 / (rawP99 * HOPS));
    }

    static long order(String gw, String buyer, String asset, String plan) throws Exception {
        long t0 = System.nanoTime();
        String id = field(send("POST", gw + "/v1/orders", buyer, "{\"assetId\":\"" + asset + "\",\"planId\":\"" + plan + "\"}", 201), "id");
        while (true) {
            String body = send("GET", gw + "/v1/orders/" + id, buyer, null, 200);
            String state = field(body, "state");
            if ("FULFILLED".equals(state)) {
                return System.nanoTime() - t0;
            }
            if ("CANCELLED".equals(state)) {
                throw new IllegalStateException("order cancelled: " + body);
            }
            Thread.sleep(1);
        }
    }

    static List<Long> kafkaRoundTrips(String bootstrap, int n) throws Exception {
        String topic = "bench.roundtrip." + UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties pp = (Properties) p.clone();
        pp.put("acks", "all");
        pp.put("enable.idempotence", "true");
        pp.put("linger.ms", "0");
        Properties cp = (Properties) p.clone();
        cp.put("enable.auto.commit", "false");
        List<Long> out = new ArrayList<>();
        try (var producer = new KafkaProducer<String, String>(pp, new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<String, String>(cp, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            for (int i = 0; i < n + 50; i++) {
                String key = Integer.toString(i);
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, key, "x".repeat(600))); // about a CloudEvent's size
                boolean seen = false;
                while (!seen) {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        seen |= r.key().equals(key);
                    }
                }
                if (i >= 50) {
                    out.add(System.nanoTime() - t0);
                }
            }
        }
        return out;
    }

    /** Hardhat's unlocked account #1 approves the treasury and deposits to the buyer's reference; waits for the credit. */
    static void fund(String gw, String chain, String buyer, long amount) throws Exception {
        String account = send("GET", gw + "/v1/accounts/me", buyer, null, 200);
        String token = field(account, "token"), treasury = field(account, "treasury"), ref = field(account, "depositRef");
        long before = Long.parseLong(field(account, "available"));
        String from = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        String amt = String.format("%064x", amount);
        rpc(chain, "eth_sendTransaction", "{\"from\":\"" + from + "\",\"to\":\"" + token + "\",\"data\":\"0x095ea7b3"
                + "0".repeat(24) + treasury.substring(2).toLowerCase() + amt + "\"}");
        rpc(chain, "eth_sendTransaction", "{\"from\":\"" + from + "\",\"to\":\"" + treasury + "\",\"data\":\"0x1de26e16"
                + ref.substring(2) + amt + "\"}");
        for (int i = 0; i < 600; i++) {
            if (Long.parseLong(field(send("GET", gw + "/v1/accounts/me", buyer, null, 200), "available")) >= before + amount) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the deposit was not credited within 2 minutes");
    }

    static void rpc(String url, String method, String param) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + param + "]}";
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.body().contains("\"error\"")) {
            throw new IllegalStateException(method + ": " + r.body());
        }
    }

    static String token(String realm, String user) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=marketplace-web&username=" + user + "&password=" + user + "-pass"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return field(r.body(), "access_token");
    }

    static String send(String method, String url, String token, String body, int expected) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (method.equals("POST")) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        var r = HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static double ms(List<Long> sorted, double q) {
        int i = Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()));
        return sorted.get(i) / 1e6;
    }
}
