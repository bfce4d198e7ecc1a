package ai.marketplace.reputation.consumers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

/** Catalog facts arrive over real Kafka and are applied exactly once, whatever the broker redelivers. */
@QuarkusTest
class CatalogEventsConsumerTest {

    static final String TOPIC = "marketplace.catalog.v1";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void assetCreatedBuildsTheProjectionAndTheProviderProfile() throws Exception {
        String owner = TestTokens.subjectOf("henry");
        UUID asset = UUID.randomUUID();
        send(asset, assetCreated(UUID.randomUUID(), asset, owner, "Whisper fine-tune"));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/v1/reputation/assets/" + asset)
                .then().statusCode(200).body("ownerId", equalTo(owner)).body("name", equalTo("Whisper fine-tune")));
        given().auth().oauth2(TestTokens.provider("henry")).get("/v1/reputation/providers/me")
                .then().statusCode(200).body("providerId", equalTo(owner)).body("assetCount", equalTo(1));
        given().get("/v1/reputation/providers/me").then().statusCode(401).contentType("application/problem+json");
        given().get("/v1/reputation/assets/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String owner = TestTokens.subjectOf("ivy-" + UUID.randomUUID());
        UUID eventId = UUID.randomUUID();
        UUID asset = UUID.randomUUID();
        byte[] event = assetCreated(eventId, asset, owner, "dup probe");
        double duplicatesBefore = duplicates();

        // What a relay that died between publish and mark produces: the same event, twice.
        send(asset, event);
        send(asset, event);

        await().atMost(PATIENCE).until(() -> duplicates() >= duplicatesBefore + 1);
        assertThat(queryLong("select asset_count from provider_profile where provider_id = '" + owner + "'")).isEqualTo(1);
        assertThat(queryLong("select count(*) from asset_projection where asset_id = '" + asset + "'")).isEqualTo(1);
        assertThat(queryLong("select count(*) from inbox where event_id = '" + eventId + "'")).isEqualTo(1);
        assertThat(TopicReader.byKey(KafkaResource.bootstrapServers(), TOPIC + ".dlq.reputation", asset.toString(), 1,
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(TOPIC, key, "{not a cloudevent".getBytes(StandardCharsets.UTF_8))).get();
        UUID asset = UUID.randomUUID();
        String wrongShape = new String(assetCreated(UUID.randomUUID(), asset, "x", "x"), StandardCharsets.UTF_8)
                .replace("\"assetId\":\"" + asset + "\"", "\"assetId\":42");
        producer.send(new ProducerRecord<>(TOPIC, asset.toString(), wrongShape.getBytes(StandardCharsets.UTF_8))).get();

        UUID after = UUID.randomUUID();
        send(after, assetCreated(UUID.randomUUID(), after, TestTokens.subjectOf("jack"), "after poison"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/v1/reputation/assets/" + after).then().statusCode(200));

        assertThat(TopicReader.byKey(KafkaResource.bootstrapServers(), TOPIC + ".dlq.reputation", key, 1, PATIENCE))
                .hasSize(1);
        assertThat(TopicReader.byKey(KafkaResource.bootstrapServers(), TOPIC + ".dlq.reputation", asset.toString(), 1,
                PATIENCE)).hasSize(1);
        given().get("/v1/reputation/assets/" + asset).then().statusCode(404);
    }

    static byte[] assetCreated(UUID eventId, UUID asset, String owner, String name) {
        String data = "{\"assetId\":\"" + asset + "\",\"ownerId\":\"" + owner + "\",\"kind\":\"MODEL\",\"name\":\"" + name
                + "\",\"tags\":[],\"state\":\"DRAFT\",\"createdAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
        return EventEnvelope.serialize(eventId.toString(), "urn:ai-marketplace:catalog-service",
                "ai.marketplace.catalog.AssetCreated.v1", "Asset", asset.toString(), OffsetDateTime.now(ZoneOffset.UTC),
                data.getBytes(StandardCharsets.UTF_8), null, "test-" + eventId);
    }

    /** Exactly what the outbox relay sends: structured-mode CloudEvent with the Kafka binding's content type. */
    static void send(UUID key, byte[] value) throws Exception {
        var record = new ProducerRecord<>(TOPIC, key.toString(), value);
        record.headers().add("content-type", EventEnvelope.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    static double duplicates() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile(
                "marketplace_inbox_events_total\\{[^}]*consumer=\"reputation.catalog-projection\"[^}]*outcome=\"duplicate\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static long queryLong(String query) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
