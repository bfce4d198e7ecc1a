package ai.marketplace.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import ai.marketplace.platform.events.EventEnvelope;

/**
 * Plays another service in tests: writes CloudEvents to its topic exactly as that service's outbox relay would
 * (structured JSON, the relay's content-type header, keyed by aggregate id). Shipped in platform's test-jar.
 */
public final class EventFeed implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String service;
    private final String aggregateType;

    private EventFeed(String bootstrapServers, String service, String aggregateType) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.service = service;
        this.aggregateType = aggregateType;
    }

    /** Events of {@code service} (e.g. "settlement") about aggregates of {@code aggregateType}, on marketplace.&lt;service&gt;.v1. */
    public static EventFeed of(String bootstrapServers, String service, String aggregateType) {
        return new EventFeed(bootstrapServers, service, aggregateType);
    }

    /** Sends a new event (fresh id, now) and returns its id. */
    public UUID send(String key, String event, String data) {
        UUID id = UUID.randomUUID();
        send(key, id, event, data, OffsetDateTime.now(ZoneOffset.UTC));
        return id;
    }

    /** Sends an event with a chosen id, so a test can redeliver it. */
    public void send(String key, UUID id, String event, String data) {
        send(key, id, event, data, OffsetDateTime.now(ZoneOffset.UTC));
    }

    public void send(String key, UUID id, String event, String data, OffsetDateTime time) {
        byte[] ce = EventEnvelope.serialize(id.toString(), "urn:ai-marketplace:" + service + "-service",
                "ai.marketplace." + service + "." + event + ".v1", aggregateType, key, time,
                data.getBytes(StandardCharsets.UTF_8), null, null);
        sendRaw(key, ce);
    }

    /** Sends an event under a type of the test's choosing (another version, another service's name), fresh id. */
    public UUID sendTyped(String key, String type, String data) {
        UUID id = UUID.randomUUID();
        sendRaw(key, EventEnvelope.serialize(id.toString(), "urn:ai-marketplace:" + service + "-service", type, aggregateType, key,
                OffsetDateTime.now(ZoneOffset.UTC), data.getBytes(StandardCharsets.UTF_8), null, null));
        return id;
    }

    /**
     * Sends a new event without waiting for the broker's acknowledgement, for a benchmark that sends thousands;
     * {@link #flush} waits for all of them.
     */
    public void post(String key, String event, String data) {
        producer.send(record(key, EventEnvelope.serialize(UUID.randomUUID().toString(), "urn:ai-marketplace:" + service + "-service",
                "ai.marketplace." + service + "." + event + ".v1", aggregateType, key, OffsetDateTime.now(ZoneOffset.UTC),
                data.getBytes(StandardCharsets.UTF_8), null, null)));
    }

    /** Waits until every {@link #post posted} event is acknowledged. */
    public void flush() {
        producer.flush();
    }

    private ProducerRecord<String, byte[]> record(String key, byte[] value) {
        var record = new ProducerRecord<>("marketplace." + service + ".v1", key, value);
        record.headers().add("content-type", EventEnvelope.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends any bytes under the CloudEvents content type: for malformed-event tests. */
    public void sendRaw(String key, byte[] value) {
        var record = record(key, value);
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to Kafka", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
