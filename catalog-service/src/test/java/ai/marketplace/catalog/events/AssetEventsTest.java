package ai.marketplace.catalog.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * REST → database + outbox (one transaction) → relay → real Kafka, including the two failures that matter:
 * a failure before commit, and a relay that dies after publishing but before marking.
 */
@QuarkusTest
class AssetEventsTest {

    static final String TOPIC = "marketplace.catalog.v1";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @AfterEach
    void removeFaults() throws SQLException {
        sql("drop trigger if exists fail_at_commit on asset",
                "drop trigger if exists crash_before_mark on outbox",
                "drop function if exists fail_at_commit()",
                "drop function if exists crash_before_mark()",
                "drop sequence if exists crash_before_mark_once");
    }

    @Test
    void createdAssetReachesKafkaAsACloudEventKeyedByAssetId() throws SQLException {
        String token = TestTokens.provider("erin");
        String requestId = "req-" + UUID.randomUUID();
        String id = given().auth().oauth2(token).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body("{\"kind\":\"SERVICE\",\"name\":\"Hosted embeddings\",\"tags\":[\"embeddings\"]}")
                .post("/v1/assets").then().statusCode(201).header("X-Request-Id", requestId).extract().path("id");

        List<ConsumerRecord<String, byte[]>> records = TopicReader.byKey(KafkaResource.bootstrapServers(), TOPIC, id, 1,
                PATIENCE);
        assertThat(records).isNotEmpty();
        assertThat(records.stream().map(r -> event(r).getString("id")).distinct()).hasSize(1);

        ConsumerRecord<String, byte[]> record = records.get(0);
        JsonObject ce = event(record);
        assertThat(ce.getString("specversion")).isEqualTo("1.0");
        assertThat(ce.getString("type")).isEqualTo("ai.marketplace.catalog.AssetCreated.v1");
        assertThat(ce.getString("source")).isEqualTo("urn:ai-marketplace:catalog-service");
        assertThat(ce.getString("subject")).isEqualTo(id);
        assertThat(ce.getString("datacontenttype")).isEqualTo("application/json");
        assertThat(ce.getString("requestid")).isEqualTo(requestId);
        // The trace of the API request continues in the consumers (W3C trace context, as extension and header).
        assertThat(ce.getString("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo(ce.getString("traceparent"));
        JsonObject data = ce.getJsonObject("data");
        assertThat(data.getString("assetId")).isEqualTo(id);
        assertThat(data.getString("ownerId")).isEqualTo(TestTokens.subjectOf("erin"));
        assertThat(data.getString("kind")).isEqualTo("SERVICE");
        assertThat(new String(record.headers().lastHeader("x-request-id").value(), StandardCharsets.UTF_8))
                .isEqualTo(requestId);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                queryLong("select count(*) from outbox where aggregate_id = '" + id + "' and published_at is not null"))
                .isEqualTo(1));
    }

    @Test
    void failureBeforeCommitLeavesNeitherRowNorEvent() throws SQLException {
        // A deferred constraint trigger fails at COMMIT: after the asset and outbox inserts ran, before commit.
        sql("""
                create function fail_at_commit() returns trigger language plpgsql as $$
                begin raise exception 'simulated failure at commit'; end $$""",
                """
                create constraint trigger fail_at_commit after insert on asset deferrable initially deferred
                for each row when (new.name = 'doomed-at-commit') execute function fail_at_commit()""");
        long assetsBefore = queryLong("select count(*) from asset");
        long outboxBefore = queryLong("select count(*) from outbox");

        given().auth().oauth2(TestTokens.provider("frank")).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"doomed-at-commit\"}")
                .post("/v1/assets").then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-marketplace:problem:internal-error"))
                .body("detail", not(containsString("simulated")))
                .body("detail", not(containsString("Exception")));

        assertThat(queryLong("select count(*) from asset")).isEqualTo(assetsBefore);
        assertThat(queryLong("select count(*) from outbox")).isEqualTo(outboxBefore);

        // Barrier: a later event reaching Kafka means the relay has passed the point where the doomed one would be.
        String later = given().auth().oauth2(TestTokens.provider("frank")).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"survivor\"}").post("/v1/assets").then().statusCode(201)
                .extract().path("id");
        assertThat(TopicReader.byKey(KafkaResource.bootstrapServers(), TOPIC, later, 1, PATIENCE)).isNotEmpty();
        var doomed = TopicReader.read(KafkaResource.bootstrapServers(), TOPIC,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("doomed-at-commit"), 1, Duration.ofSeconds(2));
        assertThat(doomed).isEmpty();
    }

    @Test
    void relayDyingAfterPublishRepublishesTheSameEvent() throws SQLException {
        // The first attempt to mark the probe's row fails, as if the relay died after Kafka's ack: the
        // transaction rolls back, the row stays unpublished and is sent again with the same event id.
        sql("create sequence crash_before_mark_once",
                """
                create function crash_before_mark() returns trigger language plpgsql as $$
                begin
                  if nextval('crash_before_mark_once') = 1 then
                    raise exception 'simulated relay crash between publish and mark';
                  end if;
                  return new;
                end $$""",
                """
                create trigger crash_before_mark before update of published_at on outbox
                for each row when (new.aggregate_type = 'Asset' and position('relay-crash-probe' in convert_from(new.payload, 'UTF8')) > 0)
                execute function crash_before_mark()""");

        String id = given().auth().oauth2(TestTokens.provider("grace")).contentType(ContentType.JSON)
                .body("{\"kind\":\"MODEL\",\"name\":\"relay-crash-probe\"}").post("/v1/assets")
                .then().statusCode(201).extract().path("id");

        List<ConsumerRecord<String, byte[]>> copies = TopicReader.byKey(KafkaResource.bootstrapServers(), TOPIC, id, 2,
                PATIENCE);
        assertThat(copies).hasSizeGreaterThanOrEqualTo(2);
        assertThat(copies.stream().map(r -> event(r).getString("id")).collect(java.util.stream.Collectors.toSet()))
                .hasSize(1);
        assertThat(queryLong("select last_value from crash_before_mark_once")).isGreaterThanOrEqualTo(2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(queryLong(
                "select count(*) from outbox where aggregate_id = '" + id + "' and published_at is not null"))
                .isEqualTo(1));
    }

    static JsonObject event(ConsumerRecord<String, byte[]> r) {
        return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
    }

    static void sql(String... statements) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static long queryLong(String query) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
