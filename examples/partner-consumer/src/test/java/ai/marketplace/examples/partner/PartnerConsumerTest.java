package ai.marketplace.examples.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.marketplace.testsupport.kafka.EmbeddedKafka;

/** The example against a real broker: each event printed once, redeliveries and foreign records skipped. */
class PartnerConsumerTest {

    static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, "marketplace.catalog.v1");
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static String event(String id, String name, String subject, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:ai-marketplace:catalog-service\",\"type\":\"ai.marketplace.catalog."
                + name + ".v1\",\"subject\":\"" + subject + "\",\"time\":\"2026-12-02T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":"
                + data + "}";
    }

    @Test
    void printsEachEventOnceAcrossRedeliveriesAndRuns(@TempDir Path dir) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String order = "0f1e2d3c-0000-4000-8000-000000000001";
            for (String value : List.of(
                    event("e-1", "OrderPlaced", order, "{\"orderId\":\"" + order + "\",\"amount\":\"5000000\"}"),
                    event("e-2", "LicenceGranted", order, "{\"orderId\":\"" + order + "\"}"),
                    event("e-1", "OrderPlaced", order, "{\"orderId\":\"" + order + "\",\"amount\":\"5000000\"}"),
                    "not json")) {
                producer.send(new ProducerRecord<>("marketplace.catalog.v1", order, value)).get();
            }
        }
        Path seenFile = dir.resolve("seen.txt");
        String first = run(seenFile, "partner-a", 4);
        assertThat(first.lines().filter(l -> l.contains("catalog.OrderPlaced"))).hasSize(1);
        assertThat(first).contains("catalog.OrderPlaced  0f1e2d3c-0000-4000-8000-000000000001  {\"orderId\"")
                .contains("\"amount\":\"5000000\"").contains("catalog.LicenceGranted").contains("skipped a record that is not a CloudEvent");
        assertThat(Files.readAllLines(seenFile)).containsExactly("e-1", "e-2");

        // Another group reads the topic from the start again: with the same memory of ids, nothing is new.
        String again = run(seenFile, "partner-b", 4);
        assertThat(again).doesNotContain("OrderPlaced").doesNotContain("LicenceGranted");
    }

    /** Polls until {@code records} records were read (the broker has exactly that many). */
    static String run(Path seenFile, String group, int records) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var c = new PartnerConsumer(PartnerConsumer.kafkaProperties(kafka.bootstrapServers(), group, null),
                List.of("marketplace.catalog.v1"), SeenEvents.in(seenFile), out);
        try {
            int read = 0;
            for (int polls = 0; read < records; polls++) {
                assertThat(polls).as("polls to read %d records (read %d)", records, read).isLessThan(240);
                read += c.pollOnce(Duration.ofMillis(500));
            }
        } finally {
            c.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
