package ai.marketplace.partner.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.webhooks.WebhookReceiver;
import ai.marketplace.testsupport.webhooks.WebhookReceiver.Answer;
import ai.marketplace.testsupport.webhooks.WebhookReceiver.Received;
import ai.marketplace.partner.ReferenceVerifier;
import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Events published on the real Kafka topics reach a real HTTP receiver on loopback: signed so that Standard Webhooks'
 * own library accepts them, retried after failures, in order per aggregate, replayable. Each test has a partner and
 * event types of its own, so the tests cannot see each other's deliveries.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static KafkaProducer<String, byte[]> producer;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        producer.close();
        receiver.close();
    }

    /** A partner of its own with the given types granted. */
    record Partner(String user, String token) {
    }

    static Partner partner(String... types) {
        String user = "p-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.operator("olga")).contentType(ContentType.JSON)
                .body(Map.of("eventTypes", List.of(types)))
                .put("/v1/partners/" + TestTokens.subjectOf(user) + "/grants").then().statusCode(200);
        return new Partner(user, TestTokens.token(user, "partner"));
    }

    static String type(String service) {
        return "ai.marketplace." + service + ".Probe" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase() + ".v1";
    }

    /** Registers an endpoint at the receiver's {@code path}; answers the id and the secret. */
    static String[] register(Partner p, String url, String... types) {
        JsonPath created = given().auth().oauth2(p.token()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", List.of(types), "description", "test receiver"))
                .post("/v1/webhooks/endpoints").then().statusCode(201).extract().jsonPath();
        return new String[] { created.getString("endpoint.id"), created.getString("secret") };
    }

    static String topicOf(String type) {
        return "marketplace." + type.split("\\.")[2] + ".v1";
    }

    /** Publishes an event as the outbox relay does: structured CloudEvent, keyed by its subject. */
    static String publish(String type, String subject) throws Exception {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        byte[] data = ("{\"probe\":\"" + subject + "\",\"amount\":\"1000000000000000000000\"}").getBytes(StandardCharsets.UTF_8);
        byte[] value = EventEnvelope.serialize(id, "urn:ai-marketplace:test", type, "Probe", subject, now, data, null, "req-" + id);
        var record = new ProducerRecord<>(topicOf(type), subject, value);
        record.headers().add("content-type", EventEnvelope.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        return id;
    }

    static List<String> ids(List<Received> received) {
        return received.stream().map(Received::id).toList();
    }

    static JsonPath attempts(Partner p, String endpoint) {
        return given().auth().oauth2(p.token()).queryParam("limit", 100).get("/v1/webhooks/endpoints/" + endpoint + "/attempts")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void deliveriesAreSignedAsStandardWebhooksAndCarryTheEventUnchanged() throws Exception {
        String type = type("settlement");
        Partner p = partner(type);
        String[] endpoint = register(p, receiver.url("/signed"), type);
        String subject = UUID.randomUUID().toString();
        List<String> sent = List.of(publish(type, subject), publish(type, subject), publish(type, subject));

        await().atMost(PATIENCE).until(() -> receiver.at("/signed").size() >= 3);
        List<Received> got = receiver.at("/signed");
        assertThat(ids(got)).containsExactlyElementsOf(sent);
        assertThat(ReferenceVerifier.verify(endpoint[1], got)).containsExactly("ok " + sent.get(0), "ok " + sent.get(1), "ok " + sent.get(2));
        for (Received r : got) {
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(r.json().path("id").asText()).isEqualTo(r.id());
            assertThat(r.json().path("type").asText()).isEqualTo(type);
            assertThat(r.json().path("data").path("amount").asText()).isEqualTo("1000000000000000000000");
            // Signed with this endpoint's secret only: a different secret must not verify.
        }
        assertThat(ReferenceVerifier.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), got.subList(0, 1)))
                .singleElement().asString().startsWith("bad ");

        // Rotation with an overlap: the next delivery verifies with the new secret and with the old one.
        String newSecret = given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("overlapSeconds", 3600))
                .post("/v1/webhooks/endpoints/" + endpoint[0] + "/secret").then().statusCode(200)
                .body("endpoint.previousSecretValidUntil", org.hamcrest.Matchers.notNullValue()).extract().path("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint[1]);
        String fourth = publish(type, subject);
        await().atMost(PATIENCE).until(() -> receiver.at("/signed").size() >= 4);
        Received rotated = receiver.at("/signed").get(3);
        assertThat(rotated.id()).isEqualTo(fourth);
        assertThat(rotated.signature().split(" ")).hasSize(2);
        assertThat(ReferenceVerifier.verify(newSecret, List.of(rotated))).containsExactly("ok " + fourth);
        assertThat(ReferenceVerifier.verify(endpoint[1], List.of(rotated))).containsExactly("ok " + fourth);

        JsonPath log = attempts(p, endpoint[0]);
        assertThat(log.getList("items.outcome", String.class)).hasSize(4).containsOnly("DELIVERED");
        assertThat(log.getList("items.statusCode", Integer.class)).containsOnly(200);
        assertThat(log.getList("items.responseExcerpt", String.class)).containsOnly("thanks");
        // Cursor paging: two pages of two, newest first, the same four attempts.
        JsonPath first = given().auth().oauth2(p.token()).queryParam("limit", 2).get("/v1/webhooks/endpoints/" + endpoint[0] + "/attempts")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        JsonPath second = given().auth().oauth2(p.token()).get(first.getString("next")).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items")).hasSize(2);
        assertThat(second.getString("next")).isNull();
        List<String> paged = new ArrayList<>(first.getList("items.id", String.class));
        paged.addAll(second.getList("items.id", String.class));
        assertThat(paged).containsExactlyElementsOf(log.getList("items.id", String.class));
    }

    @Test
    void failedAttemptsAreRetriedWithTheSameIdAfter500sTimeoutsAndRefusedConnections() throws Exception {
        String type = type("compute");
        Partner p = partner(type);
        AtomicInteger failures = new AtomicInteger();
        receiver.on("/flaky", r -> failures.getAndIncrement() < 2 ? Answer.status(503) : Answer.ok());
        AtomicBoolean slowOnce = new AtomicBoolean(true);
        // Slower than the test profile's 2 s timeout the first time.
        receiver.on("/slow", r -> slowOnce.getAndSet(false) ? new Answer(200, 4_000, "late") : Answer.ok());
        String[] flaky = register(p, receiver.url("/flaky"), type);
        String[] slow = register(p, receiver.url("/slow"), type);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String[] refused = register(p, "http://127.0.0.1:" + closedPort + "/refused", type);

        String id = publish(type, UUID.randomUUID().toString());

        await().atMost(PATIENCE).until(() -> receiver.at("/flaky").size() >= 3 && receiver.at("/slow").size() >= 2);
        assertThat(ids(receiver.at("/flaky"))).containsOnly(id);
        assertThat(ids(receiver.at("/slow"))).containsOnly(id);
        await().atMost(PATIENCE).until(() -> attempts(p, flaky[0]).getList("items.outcome").contains("DELIVERED")
                && attempts(p, slow[0]).getList("items.outcome").contains("DELIVERED"));
        JsonPath flakyLog = attempts(p, flaky[0]);
        // Newest first: the success, then the two 503s, each of them saying when the next try was due.
        assertThat(flakyLog.getList("items.statusCode", Integer.class)).containsExactly(200, 503, 503);
        assertThat(flakyLog.getList("items.attempt", Integer.class)).containsExactly(3, 2, 1);
        assertThat(flakyLog.getList("items.outcome", String.class)).containsExactly("DELIVERED", "RETRYING", "RETRYING");
        assertThat(flakyLog.getString("items[1].nextAttemptAt")).isNotNull();
        assertThat(flakyLog.getString("items[1].responseExcerpt")).isEqualTo("status 503");
        JsonPath slowLog = attempts(p, slow[0]);
        assertThat(slowLog.getString("items[-1].error")).isNotBlank();
        assertThat(slowLog.getString("items[-1].statusCode")).isNull();
        assertThat(slowLog.getString("items[-1].outcome")).isEqualTo("RETRYING");

        // Nothing listens on the third endpoint's port: refused, retried (perhaps until the endpoint is disabled),
        // and delivered once its URL is fixed and it is active again.
        await().atMost(PATIENCE).until(() -> attempts(p, refused[0]).getList("items").size() >= 2);
        assertThat(attempts(p, refused[0]).getList("items.error", String.class)).allSatisfy(e -> assertThat(e).containsIgnoringCase("refused"));
        assertThat(receiver.at("/fixed")).isEmpty();
        given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("url", receiver.url("/fixed"), "state", "ACTIVE"))
                .patch("/v1/webhooks/endpoints/" + refused[0]).then().statusCode(200).body("state", equalTo("ACTIVE"));
        await().atMost(PATIENCE).until(() -> !receiver.at("/fixed").isEmpty());
        assertThat(ids(receiver.at("/fixed"))).containsExactly(id);
    }

    @Test
    void aFailureAtTheOldUrlAnsweredAfterThePartnerMovedTheEndpointDoesNotDisableIt() throws Exception {
        String type = type("catalog");
        Partner p = partner(type);
        CountDownLatch moved = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // Five quick failures; the sixth, the one the test profile disables at, is answered only once the partner has
        // moved the endpoint. Counted against the new URL it would disable the endpoint that was just fixed.
        receiver.on("/relocating", r -> {
            if (calls.incrementAndGet() == 6) {
                try {
                    moved.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Answer.status(500);
        });
        String[] endpoint = register(p, receiver.url("/relocating"), type);
        String id = publish(type, UUID.randomUUID().toString());

        await().atMost(PATIENCE).until(() -> receiver.at("/relocating").size() >= 6);
        given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("url", receiver.url("/relocated"), "state", "ACTIVE"))
                .patch("/v1/webhooks/endpoints/" + endpoint[0]).then().statusCode(200).body("state", equalTo("ACTIVE"));
        moved.countDown();

        await().atMost(PATIENCE).until(() -> !receiver.at("/relocated").isEmpty());
        assertThat(ids(receiver.at("/relocated"))).containsExactly(id);
        assertThat(receiver.at("/relocating")).hasSize(6);
        given().auth().oauth2(p.token()).get("/v1/webhooks/endpoints/" + endpoint[0]).then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("url", equalTo(receiver.url("/relocated")));
    }

    @Test
    void redirectsAreNotFollowedAndLongAnswersAreCutShort() throws Exception {
        String type = type("compute");
        Partner p = partner(type);
        AtomicBoolean moved = new AtomicBoolean(true);
        receiver.on("/moved", r -> moved.get() ? Answer.redirect(receiver.url("/elsewhere")) : Answer.ok());
        receiver.on("/chatty", r -> new Answer(200, 0, "x".repeat(200_000)));
        String[] redirecting = register(p, receiver.url("/moved"), type);
        String[] chatty = register(p, receiver.url("/chatty"), type);
        String id = publish(type, UUID.randomUUID().toString());

        await().atMost(PATIENCE).until(() -> attempts(p, redirecting[0]).getList("items").size() >= 2
                && attempts(p, chatty[0]).getList("items.outcome").contains("DELIVERED"));
        // A redirect is an answer, not a success: retried at the registered URL, never at the one it names.
        assertThat(attempts(p, redirecting[0]).getList("items.statusCode", Integer.class)).containsOnly(307);
        assertThat(attempts(p, redirecting[0]).getList("items.outcome", String.class)).containsOnly("RETRYING");
        assertThat(receiver.at("/elsewhere")).isEmpty();
        moved.set(false);
        await().atMost(PATIENCE).until(() -> attempts(p, redirecting[0]).getList("items.outcome").contains("DELIVERED"));
        assertThat(ids(receiver.at("/moved"))).containsOnly(id);
        // The log keeps the first bytes of an answer, not all of it.
        String excerpt = attempts(p, chatty[0]).getString("items[0].responseExcerpt");
        assertThat(excerpt).hasSizeLessThanOrEqualTo(512).startsWith("xxxx");
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledWithAnEventAndThePartnerCanEnableItAgain() throws Exception {
        String type = type("catalog");
        Partner p = partner(type);
        AtomicBoolean broken = new AtomicBoolean(true);
        receiver.on("/broken", r -> broken.get() ? Answer.status(500) : Answer.ok());
        String[] endpoint = register(p, receiver.url("/broken"), type);
        String id = publish(type, UUID.randomUUID().toString());

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(p.token()).get("/v1/webhooks/endpoints/" + endpoint[0])
                .then().statusCode(200).body("state", equalTo("DISABLED")).body("disabledBy", equalTo("FAILURES")));
        int attemptsWhenDisabled = receiver.at("/broken").size();
        assertThat(attemptsWhenDisabled).isEqualTo(6);
        assertThat(TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.partner.v1", endpoint[0], 2, PATIENCE))
                .anySatisfy(e -> assertThat(new String(e.value(), StandardCharsets.UTF_8)).contains("WebhookEndpointDisabled"));

        broken.set(false);
        given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("state", "ACTIVE"))
                .patch("/v1/webhooks/endpoints/" + endpoint[0]).then().statusCode(200).body("state", equalTo("ACTIVE"))
                .body("consecutiveFailures", equalTo(0));
        await().atMost(PATIENCE).until(() -> receiver.at("/broken").size() > attemptsWhenDisabled);
        assertThat(ids(receiver.at("/broken"))).containsOnly(id);
        await().atMost(PATIENCE).until(() -> attempts(p, endpoint[0]).getList("items.outcome").contains("DELIVERED"));
    }

    @Test
    void eachAggregateKeepsItsOrderWhileAnotherOneFails() throws Exception {
        String type = type("reputation");
        Partner p = partner(type);
        String stuck = "stuck-" + UUID.randomUUID();
        String flowing = "flowing-" + UUID.randomUUID();
        AtomicBoolean stuckFails = new AtomicBoolean(true);
        receiver.on("/ordered", r -> r.subject().equals(stuck) && stuckFails.get() ? Answer.status(500) : Answer.ok());
        register(p, receiver.url("/ordered"), type);

        List<String> stuckIds = new ArrayList<>();
        List<String> flowingIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stuckIds.add(publish(type, stuck));
            flowingIds.add(publish(type, flowing));
        }
        await().atMost(PATIENCE).until(() -> receiver.at("/ordered").stream().filter(r -> r.subject().equals(flowing)).count() == 4);
        // The failing aggregate's first event is retried and nothing after it was sent meanwhile.
        await().atMost(PATIENCE).until(() -> receiver.at("/ordered").stream().filter(r -> r.subject().equals(stuck)).count() >= 2);
        assertThat(receiver.at("/ordered").stream().filter(r -> r.subject().equals(stuck)).map(Received::id)).containsOnly(stuckIds.get(0));
        assertThat(receiver.at("/ordered").stream().filter(r -> r.subject().equals(flowing)).map(Received::id))
                .containsExactlyElementsOf(flowingIds);

        stuckFails.set(false);
        await().atMost(PATIENCE).until(() -> receiver.at("/ordered").stream().filter(r -> r.subject().equals(stuck)).map(Received::id)
                .distinct().count() == 4);
        List<String> stuckArrivals = receiver.at("/ordered").stream().filter(r -> r.subject().equals(stuck)).map(Received::id)
                .distinct().toList();
        assertThat(stuckArrivals).containsExactlyElementsOf(stuckIds);
    }

    @Test
    void anEndpointWithABacklogHoldsUpNoOtherEndpoint() throws Exception {
        String type = type("catalog");
        Partner p = partner(type);
        // A slow receiver that still succeeds (1 s an answer, so four a second): a backlog that takes two minutes to
        // drain, on an endpoint that never fails enough to be disabled.
        receiver.on("/backlogged", r -> new Answer(200, 1_000, "slow"));
        String[] backlogged = register(p, receiver.url("/backlogged"), type);
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            backlog.add(publish(type, "backlog-" + i + "-" + UUID.randomUUID()));
        }
        // All 500 are owed, and due, before the other endpoint exists.
        await().atMost(PATIENCE).until(() -> owed(backlogged[0]) == 500);

        // Another endpoint, registered after: its event is not queued behind the backlog of the first.
        String[] other = register(p, receiver.url("/unhindered"), type);
        String next = publish(type, "other-" + UUID.randomUUID());
        try {
            await().atMost(PATIENCE).until(() -> ids(receiver.at("/unhindered")).contains(next));
            assertThat(receiver.at("/backlogged").stream().map(Received::id).distinct().count())
                    .as("the backlog was still there when the other endpoint got its event").isLessThan(400);
            assertThat(ids(receiver.at("/unhindered"))).containsExactly(next);
        } finally {
            given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("state", "PAUSED"))
                    .patch("/v1/webhooks/endpoints/" + backlogged[0]).then().statusCode(200);
        }
        assertThat(other[0]).isNotBlank();
    }

    static long owed(String endpoint) throws java.sql.SQLException {
        try (var c = ai.marketplace.testsupport.PostgresResource.connection();
                var st = c.prepareStatement("select count(*) from delivery where endpoint_id = ?::uuid")) {
            st.setString(1, endpoint);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aReplayFromAnEventIdDeliversExactlyTheEventsAfterIt() throws Exception {
        String type = type("settlement");
        Partner p = partner(type);
        String[] endpoint = register(p, receiver.url("/replayed"), type);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(publish(type, "agg-" + i + "-" + UUID.randomUUID()));
        }
        await().atMost(PATIENCE).until(() -> receiver.at("/replayed").size() >= 5);
        assertThat(ids(receiver.at("/replayed"))).containsExactlyInAnyOrderElementsOf(sent);

        given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("afterEventId", sent.get(1)))
                .post("/v1/webhooks/endpoints/" + endpoint[0] + "/replays").then().statusCode(202).body("scheduled", equalTo(3));
        await().atMost(PATIENCE).until(() -> receiver.at("/replayed").size() >= 8);
        List<String> replayed = ids(receiver.at("/replayed")).subList(5, 8);
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(sent.subList(2, 5));
        // A marker after the replay: once it is in, anything the replay would still have sent would be in too.
        String marker = publish(type, "marker-" + UUID.randomUUID());
        await().atMost(PATIENCE).until(() -> ids(receiver.at("/replayed")).contains(marker));
        assertThat(ids(receiver.at("/replayed"))).hasSize(9);
        assertThat(ReferenceVerifier.verify(endpoint[1], receiver.at("/replayed"))).allSatisfy(v -> assertThat(v).startsWith("ok "));
    }

    @Test
    void aPartnerReceivesOnlyWhatIsGrantedAtTheTimeOfDelivery() throws Exception {
        String kept = type("catalog");
        String revoked = type("catalog");
        Partner p = partner(kept, revoked);
        String[] endpoint = register(p, receiver.url("/granted"), kept, revoked);
        String subject = UUID.randomUUID().toString();
        String first = publish(kept, subject);
        await().atMost(PATIENCE).until(() -> ids(receiver.at("/granted")).contains(first));

        given().auth().oauth2(TestTokens.operator("olga")).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of(kept)))
                .put("/v1/partners/" + TestTokens.subjectOf(p.user()) + "/grants").then().statusCode(200)
                .body("eventTypes", org.hamcrest.Matchers.contains(kept));
        String notGranted = publish(revoked, subject);
        String after = publish(kept, subject);
        // Same aggregate, same partition: once the later event is in, the revoked one was taken in before it.
        await().atMost(PATIENCE).until(() -> ids(receiver.at("/granted")).contains(after));
        assertThat(ids(receiver.at("/granted"))).containsExactly(first, after).doesNotContain(notGranted);
        assertThat(attempts(p, endpoint[0]).getList("items.eventId", String.class)).doesNotContain(notGranted);
    }
}
