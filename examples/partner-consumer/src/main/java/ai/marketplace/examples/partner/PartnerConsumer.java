package ai.marketplace.examples.partner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A partner's first consumer of the marketplace's events: subscribes to the public topics, prints each event once
 * (a redelivered event has the same {@code id} and is skipped) and commits its offsets only after it has handled
 * what it polled — at-least-once in, exactly-once effect out.
 *
 * <pre>
 *   locally:       --bootstrap 127.0.0.1:19092                      (no credentials)
 *   in production: --bootstrap marketplace-kafka-bootstrap:9093 --config partner.properties
 *                  (security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=…, ssl.truststore.*)
 * </pre>
 *
 * Other options: {@code --group partner-example}, {@code --topics marketplace.catalog.v1,marketplace.settlement.v1},
 * {@code --seen FILE} (the ids handled so far, kept across runs), {@code --idle-exit-seconds N} (stop after N quiet
 * seconds; 0 runs until Ctrl-C).
 */
public final class PartnerConsumer {

    static final List<String> PUBLIC_TOPICS = List.of("marketplace.catalog.v1", "marketplace.compute.v1",
            "marketplace.settlement.v1", "marketplace.reputation.v1");

    private final KafkaConsumer<String, String> consumer;
    private final SeenEvents seen;
    private final PrintStream out;

    PartnerConsumer(Properties kafka, List<String> topics, SeenEvents seen, PrintStream out) {
        this.consumer = new KafkaConsumer<>(kafka, new StringDeserializer(), new StringDeserializer());
        this.consumer.subscribe(topics);
        this.seen = seen;
        this.out = out;
    }

    /** One poll: prints what is new, remembers it, then commits. Returns how many records it read. */
    int pollOnce(Duration wait) throws IOException {
        var records = consumer.poll(wait);
        for (ConsumerRecord<String, String> r : records) {
            Event e = Event.parse(r.value());
            if (e == null) {
                out.println("skipped a record that is not a CloudEvent at " + r.topic() + "/" + r.partition() + "@" + r.offset());
            } else if (seen.firstTime(e.id())) {
                out.println(e.line());
            }
        }
        if (!records.isEmpty()) {
            seen.flush();               // our effect (printing, remembering) first ...
            consumer.commitSync();      // ... then the offsets: a crash in between redelivers, and the ids skip it
        }
        return records.count();
    }

    void close() {
        consumer.close();
    }

    static Properties kafkaProperties(String bootstrap, String group, Path config) throws IOException {
        Properties p = new Properties();
        if (config != null) {
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args);
        Path config = o.containsKey("config") ? Path.of(o.get("config")) : null;
        Properties kafka = kafkaProperties(o.getOrDefault("bootstrap", "127.0.0.1:19092"),
                o.getOrDefault("group", "partner-example"), config);
        List<String> topics = o.containsKey("topics") ? List.of(o.get("topics").split(",")) : PUBLIC_TOPICS;
        SeenEvents seen = SeenEvents.in(Path.of(o.getOrDefault("seen", "partner-example-seen.txt")));
        long idleExit = Long.parseLong(o.getOrDefault("idle-exit-seconds", "0"));
        System.out.println("Reading " + topics + " from " + kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                + " as group " + kafka.get(ConsumerConfig.GROUP_ID_CONFIG) + " (Ctrl-C stops)");
        PartnerConsumer c = new PartnerConsumer(kafka, topics, seen, System.out);
        long quietSince = System.nanoTime();
        try {
            while (idleExit == 0 || System.nanoTime() - quietSince < Duration.ofSeconds(idleExit).toNanos()) {
                if (c.pollOnce(Duration.ofSeconds(1)) > 0) {
                    quietSince = System.nanoTime();
                }
            }
        } finally {
            c.close();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                bad.add(args[i]);
            }
        }
        if (!bad.isEmpty()) {
            System.err.println("error: unexpected " + bad + "; options are --bootstrap, --config, --group, --topics, --seen, --idle-exit-seconds");
            System.exit(2);
        }
        return o;
    }
}
