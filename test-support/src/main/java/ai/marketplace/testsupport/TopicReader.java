package ai.marketplace.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning without joining a consumer group, so tests see every record,
 * duplicates included, and never disturb the services' own consumer groups.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Polls until at least {@code atLeast} matching records are seen or {@code patience} runs out, and returns
     * every matching record seen (possibly fewer than asked: callers assert on the result).
     */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int atLeast, Duration patience) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + patience.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matched.size() < atLeast && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    if (filter.test(r)) {
                        matched.add(r);
                    }
                }
            }
            // Drain what is already there, so duplicates published before now are counted too.
            var more = consumer.poll(Duration.ofMillis(200));
            while (!more.isEmpty()) {
                for (var r : more) {
                    if (filter.test(r)) {
                        matched.add(r);
                    }
                }
                more = consumer.poll(Duration.ofMillis(200));
            }
        }
        return matched;
    }

    public static List<ConsumerRecord<String, byte[]>> byKey(String bootstrap, String topic, String key, int atLeast,
            Duration patience) {
        return read(bootstrap, topic, r -> key.equals(r.key()), atLeast, patience);
    }
}
