package ai.marketplace.compute.consumers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.compute.service.LeaseLifecycle;
import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * The rental saga from compute's side on real PostgreSQL and Kafka: settlement's answers are fed into its topic,
 * time is moved by moving the leases' and offers' timestamps back (never by waiting), and every transition is
 * checked in the API, in the database (capacity) and in the events on {@code marketplace.compute.v1}.
 */
@QuarkusTest
class LeaseLifecycleTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static EventFeed settlement;

    @BeforeAll
    static void feed() {
        settlement = EventFeed.of(KafkaResource.bootstrapServers(), "settlement", "Hold");
    }

    @AfterAll
    static void close() {
        settlement.close();
    }

    /** A provider, its 4-GPU offer at 1000 per GPU-hour, and a renter. */
    record Setup(String provider, String offer, String renter) {
        String providerToken() {
            return TestTokens.provider(provider);
        }

        String renterToken() {
            return TestTokens.buyer(renter);
        }
    }

    static Setup setup(String allowed) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String provider = "prov-" + tag;
        String offer = given().auth().oauth2(TestTokens.provider(provider)).contentType(ContentType.JSON)
                .body("{\"region\":\"eu-west\",\"gpuModel\":\"L-" + tag + "\",\"vramGb\":80,\"gpuCount\":4,\"cpuCores\":32,"
                        + "\"ramGb\":256,\"pricePerGpuHour\":\"1000\",\"minHours\":1,\"maxHours\":24,\"allowedTenants\":["
                        + (allowed == null ? "" : "\"" + allowed + "\"") + "]}")
                .post("/v1/offers").then().statusCode(201).extract().path("id");
        return new Setup(provider, offer, "rent-" + tag);
    }

    static String lease(Setup s, int gpus, int hours) {
        return given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + s.offer + "\",\"gpus\":" + gpus + ",\"hours\":" + hours + "}")
                .post("/v1/leases").then().statusCode(201).body("state", equalTo("REQUESTED")).extract().path("id");
    }

    static String held(String lease, UUID hold, String amount) {
        return "{\"holdId\":\"" + hold + "\",\"correlationType\":\"LEASE\",\"correlationId\":\"" + lease
                + "\",\"payerId\":\"x\",\"amount\":\"" + amount + "\"}";
    }

    static String activeLease(Setup s, int gpus, int hours) {
        String lease = lease(s, gpus, hours);
        settlement.send(lease, "PaymentHeld", held(lease, UUID.randomUUID(), Long.toString(1000L * gpus * hours)));
        awaitState(s, lease, "ACTIVE");
        return lease;
    }

    static void awaitState(Setup s, String lease, String state) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    @Test
    void aDuplicatedPaymentHeldActivatesOnceThenUsageIsMeteredAndTheRenterEndsIt() throws Exception {
        Setup s = setup(null);
        String lease = lease(s, 2, 3);
        UUID firstHold = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        settlement.send(lease, eventId, "PaymentHeld", held(lease, firstHold, "6000"));
        settlement.send(lease, eventId, "PaymentHeld", held(lease, firstHold, "6000")); // redelivery
        settlement.send(lease, "PaymentHeld", held(lease, UUID.randomUUID(), "6000"));  // a copy under a new id
        awaitState(s, lease, "ACTIVE");
        given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease).then()
                .body("holdId", equalTo(firstHold.toString())).body("activatedAt", notNullValue())
                .body("endsAt", notNullValue());
        assertThat(count("select count(*) from inbox where consumer = 'compute.payments' and event_id = '" + eventId + "'"))
                .isEqualTo(1);
        JsonObject activated = only(lease, "LeaseActivated");
        assertThat(activated.getJsonObject("data").getString("holdId")).isEqualTo(firstHold.toString());
        assertThat(OffsetDateTime.parse(activated.getJsonObject("data").getString("endsAt")))
                .isEqualTo(OffsetDateTime.parse(activated.getJsonObject("data").getString("activatedAt")).plusHours(3));

        // Nothing can have run yet beyond a few seconds: a report of a whole GPU-hour is refused.
        usage(s, lease, 3600).statusCode(422).body("type", equalTo("urn:ai-marketplace:problem:usage-exceeds-elapsed"))
                .body("maxGpuSeconds", notNullValue());
        // An hour later (moved, not waited): 2 GPUs can have run 7200 GPU-seconds.
        sql("update lease set activated_at = activated_at - interval '1 hour', ends_at = ends_at - interval '1 hour' where id = '" + lease + "'");
        usage(s, lease, 3600).statusCode(200).body("usedGpuSeconds", equalTo(3600)).body("usedAmount", equalTo("1000"));
        usage(s, lease, 3600).statusCode(200);                  // the same reading again changes nothing
        usage(s, lease, 1800).statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:usage-decreased"));
        usage(s, lease, 8200).statusCode(422);
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"usedGpuSeconds\":-1}")
                .post("/v1/leases/" + lease + "/usage").then().statusCode(400);
        given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON).body("{\"usedGpuSeconds\":1}")
                .post("/v1/leases/" + lease + "/usage").then().statusCode(403);
        given().auth().oauth2(TestTokens.provider("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"usedGpuSeconds\":1}").post("/v1/leases/" + lease + "/usage").then().statusCode(404);
        JsonObject usage = only(lease, "UsageReported");
        assertThat(usage.getJsonObject("data").getString("usedAmount")).isEqualTo("1000");

        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + lease + "/cancel").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:lease-active"));
        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + lease + "/end").then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("terminationReason", equalTo("RENTER_ENDED"))
                .body("usedAmount", equalTo("1000"));
        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + lease + "/end").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:lease-completed"));
        assertThat(allocated(s.offer)).isZero();
        // Ending the lease does not dodge the interval since the last report: the provider's final reading (no more
        // than the GPUs ran until the end) is billed, and settles the lease at once when marked final.
        assertThat(count(lease, "LeaseEnded")).isZero();
        usage(s, lease, 8200).statusCode(422);
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"usedGpuSeconds\":5400,\"final\":true}")
                .post("/v1/leases/" + lease + "/usage").then().statusCode(200).body("usedAmount", equalTo("1500"));
        usage(s, lease, 6000).statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:final-reading-closed"));
        JsonObject ended = only(lease, "LeaseEnded");
        assertThat(ended.getJsonObject("data").getString("state")).isEqualTo("COMPLETED");
        assertThat(ended.getJsonObject("data").getString("reason")).isEqualTo("RENTER_ENDED");
        assertThat(ended.getJsonObject("data").getString("usedAmount")).isEqualTo("1500");
        assertThat(ended.getJsonObject("data").getString("maxAmount")).isEqualTo("6000");
        assertThat(ended.getJsonObject("data").getString("holdId")).isEqualTo(firstHold.toString());
    }

    @Test
    void aFailedPaymentCancelsAndFreesTheGpusAndALateHoldChangesNothing() throws Exception {
        Setup s = setup(null);
        String lease = lease(s, 4, 1);
        assertThat(allocated(s.offer)).isEqualTo(4);
        settlement.send(lease, "PaymentFailed", "{\"correlationType\":\"LEASE\",\"correlationId\":\"" + lease
                + "\",\"payerId\":\"x\",\"reason\":\"INSUFFICIENT_FUNDS\"}");
        awaitState(s, lease, "CANCELLED");
        given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease).then()
                .body("terminationReason", equalTo("PAYMENT_FAILED")).body("terminationDetail", equalTo("INSUFFICIENT_FUNDS"))
                .body("usedAmount", equalTo("0"));
        assertThat(allocated(s.offer)).isZero();
        // A hold that arrives after the cancellation does not resurrect the lease.
        settlement.send(lease, "PaymentHeld", held(lease, UUID.randomUUID(), "4000"));
        String marker = lease(s, 1, 1); // events of one partition are handled in order: once this one is
        settlement.send(marker, "PaymentHeld", held(marker, UUID.randomUUID(), "1000"));
        awaitState(s, marker, "ACTIVE");
        given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease).then().body("state", equalTo("CANCELLED"));
        JsonObject cancelled = only(lease, "LeaseCancelled");
        assertThat(cancelled.getJsonObject("data").getString("reason")).isEqualTo("PAYMENT_FAILED");
        assertThat(events(lease)).doesNotContain("LeaseActivated");
    }

    @Test
    void aHoldOfTheWrongAmountIsNotAcceptedAsPayment() throws Exception {
        Setup s = setup(null);
        String lease = lease(s, 1, 2);
        settlement.send(lease, "PaymentHeld", held(lease, UUID.randomUUID(), "1999"));
        awaitState(s, lease, "CANCELLED");
        given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease).then()
                .body("terminationReason", equalTo("HOLD_MISMATCH"));
        assertThat(allocated(s.offer)).isZero();
        assertThat(only(lease, "LeaseCancelled").getJsonObject("data").getString("reason")).isEqualTo("HOLD_MISMATCH");
    }

    @Test
    void theRenterCancelsARequestAndOnlyTheRenterMay() throws Exception {
        Setup s = setup(null);
        String lease = lease(s, 3, 1);
        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + lease + "/end").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:lease-requested"));
        given().auth().oauth2(TestTokens.buyer("stranger-" + UUID.randomUUID())).post("/v1/leases/" + lease + "/cancel")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(s.providerToken()).post("/v1/leases/" + lease + "/cancel").then().statusCode(403);
        given().auth().oauth2(TestTokens.token(s.provider, "provider", "buyer")).post("/v1/leases/" + lease + "/cancel")
                .then().statusCode(403).body("detail", containsString("renter"));
        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        given().auth().oauth2(s.renterToken()).post("/v1/leases/not-a-uuid/cancel").then().statusCode(404);
        given().post("/v1/leases/" + lease + "/cancel").then().statusCode(401);
        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + lease + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("terminationReason", equalTo("RENTER_CANCELLED"));
        given().auth().oauth2(s.renterToken()).post("/v1/leases/" + lease + "/cancel").then().statusCode(409)
                .body("type", equalTo("urn:ai-marketplace:problem:lease-cancelled"));
        assertThat(allocated(s.offer)).isZero();
        assertThat(only(lease, "LeaseCancelled").getJsonObject("data").getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void aSilentProviderFailsItsLeasesAndStopsMatchingUntilItsAgentIsBack() throws Exception {
        Setup s = setup(null);
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"healthy\":true,\"freeGpus\":4}")
                .post("/v1/offers/" + s.offer + "/heartbeats").then().statusCode(200)
                .body("offerId", equalTo(s.offer)).body("staleAfter", notNullValue());
        given().auth().oauth2(TestTokens.provider("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"healthy\":true}").post("/v1/offers/" + s.offer + "/heartbeats").then().statusCode(403);
        given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON).body("{\"healthy\":true}")
                .post("/v1/offers/" + s.offer + "/heartbeats").then().statusCode(403);
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"healthy\":true}")
                .post("/v1/offers/" + UUID.randomUUID() + "/heartbeats").then().statusCode(404);
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"freeGpus\":2000}")
                .post("/v1/offers/" + s.offer + "/heartbeats").then().statusCode(400);
        String lease = activeLease(s, 2, 5);
        String etag = given().get("/v1/offers/" + s.offer).then().extract().header("ETag");

        sql("update offer set last_heartbeat_at = now() - interval '2 hours' where id = '" + s.offer + "'");
        awaitState(s, lease, "FAILED");
        given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease).then()
                .body("terminationReason", equalTo("PROVIDER_UNRESPONSIVE"));
        assertThat(allocated(s.offer)).isZero();
        // The final-reading window (an hour in tests) is over: the timer settles it.
        sql("update lease set settle_after = now() - interval '1 second' where id = '" + lease + "'");
        JsonObject ended = only(lease, "LeaseEnded");
        assertThat(ended.getJsonObject("data").getString("state")).isEqualTo("FAILED");
        assertThat(ended.getJsonObject("data").getString("usedAmount")).isEqualTo("0");

        given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + s.offer + "\",\"gpus\":1,\"hours\":1}").post("/v1/leases").then().statusCode(409)
                .body("excludedBy.heartbeat", equalTo(1)).body("detail", containsString("heartbeat"));
        given().queryParam("gpuModel", given().get("/v1/offers/" + s.offer).path("gpuModel").toString())
                .get("/v1/offers").then().statusCode(200).body("items.id", not(hasItem(s.offer)));
        // An unhealthy heartbeat keeps it out too; a healthy one brings it back, without changing its ETag.
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"healthy\":false}")
                .post("/v1/offers/" + s.offer + "/heartbeats").then().statusCode(200);
        given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + s.offer + "\",\"gpus\":1,\"hours\":1}").post("/v1/leases").then().statusCode(409)
                .body("excludedBy.heartbeat", equalTo(1));
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"healthy\":true}")
                .post("/v1/offers/" + s.offer + "/heartbeats").then().statusCode(200);
        given().get("/v1/offers/" + s.offer).then().header("ETag", equalTo(etag));
        given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + s.offer + "\",\"gpus\":1,\"hours\":1}").post("/v1/leases").then().statusCode(201);
        // A reservation does change it: a revision or withdrawal prepared before the lease must not land on it.
        given().get("/v1/offers/" + s.offer).then().header("ETag", not(equalTo(etag)));
    }

    @Test
    void theTermEndsByItselfAndTheProviderCanReportAFault() throws Exception {
        Setup s = setup(null);
        String finishing = activeLease(s, 1, 2);
        String faulty = activeLease(s, 1, 2);
        // Two hours have run; the meter catches up on the whole term while the lease is still active…
        sql("update lease set activated_at = now() - interval '2 hours 1 second', ends_at = now() + interval '1 hour'"
                + " where id = '" + finishing + "'");
        usage(s, finishing, 7200).statusCode(200);
        // …then the term is over and the timer ends it (moving the end first raced with the timer's next pass).
        sql("update lease set ends_at = now() - interval '1 second' where id = '" + finishing + "'");
        awaitState(s, finishing, "COMPLETED");
        given().auth().oauth2(s.providerToken()).get("/v1/leases/" + finishing).then()
                .body("terminationReason", equalTo("TERM_ENDED")).body("usedAmount", equalTo("2000"));
        // …a final reading may still come, but no more than the term could run…
        usage(s, finishing, 7300).statusCode(422);
        usage(s, finishing, 7200).statusCode(200);

        given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON).body("{}")
                .post("/v1/leases/" + faulty + "/fault").then().statusCode(403);
        given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON).body("{\"detail\":\"GPU 3 fell off the bus\"}")
                .post("/v1/leases/" + faulty + "/fault").then().statusCode(200).body("state", equalTo("FAILED"))
                .body("terminationReason", equalTo("PROVIDER_FAULT")).body("terminationDetail", equalTo("GPU 3 fell off the bus"));
        assertThat(allocated(s.offer)).isZero();
        // …and once the final-reading window is over, both settle and no reading is taken any more.
        sql("update lease set settle_after = now() - interval '1 second' where id in ('" + finishing + "', '" + faulty + "')");
        assertThat(only(finishing, "LeaseEnded").getJsonObject("data").getString("usedAmount")).isEqualTo("2000");
        usage(s, finishing, 7200).statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:final-reading-closed"));
        assertThat(only(finishing, "LeaseEnded").getJsonObject("data").getString("reason")).isEqualTo("TERM_ENDED");
        assertThat(only(faulty, "LeaseEnded").getJsonObject("data").getString("reason")).isEqualTo("PROVIDER_FAULT");
    }

    @Test
    void aRequestSettlementNeverAnswersExpires() throws Exception {
        Setup s = setup(null);
        String lease = lease(s, 2, 1);
        sql("update lease set created_at = now() - interval '1 day' where id = '" + lease + "'");
        awaitState(s, lease, "EXPIRED");
        given().auth().oauth2(s.renterToken()).get("/v1/leases/" + lease).then()
                .body("terminationReason", equalTo("ACTIVATION_TIMEOUT"));
        assertThat(allocated(s.offer)).isZero();
        JsonObject cancelled = only(lease, "LeaseCancelled");
        assertThat(cancelled.getJsonObject("data").getString("state")).isEqualTo("EXPIRED");
    }

    @Inject
    LeaseLifecycle lifecycle;

    @Test
    void timerPassesOfSeveralReplicasRacingHandleEachLeaseOnce() throws Throwable {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String provider = "big-" + tag;
        String offer = given().auth().oauth2(TestTokens.provider(provider)).contentType(ContentType.JSON)
                .body("{\"region\":\"eu-west\",\"gpuModel\":\"B-" + tag + "\",\"vramGb\":80,\"gpuCount\":40,\"cpuCores\":32,"
                        + "\"ramGb\":256,\"pricePerGpuHour\":\"1000\",\"minHours\":1,\"maxHours\":24}")
                .post("/v1/offers").then().statusCode(201).extract().path("id");
        Setup s = new Setup(provider, offer, "many-" + tag);
        List<String> leases = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leases.add(lease(s, 1, 1));
        }
        sql("update lease set created_at = now() - interval '1 day' where offer_id = '" + offer + "'");
        // Three passes at once (plus the scheduler's own): what one claims, the others skip.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        var passes = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 3; i++) {
            passes.add(pool.submit(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> lifecycle.expireUnanswered(now));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (var p : passes) {
            p.get(); // a pass that handled a lease twice would fail here (the lease is no longer REQUESTED)
        }
        pool.shutdown();
        for (String lease : leases) {
            awaitState(s, lease, "EXPIRED");
        }
        assertThat(allocated(offer)).isZero();
        assertThat(count("select count(*) from outbox where aggregate_id in (select id::text from lease where offer_id = '"
                + offer + "') and event_type like '%LeaseCancelled%'")).isEqualTo(40);
    }

    @Test
    void rentersSeeTheirLeasesProvidersTheLeasesOnTheirOffersNobodyElseAny() {
        String renter = "allowed-" + UUID.randomUUID();
        Setup s = setup(TestTokens.subjectOf(renter));
        Setup asAllowed = new Setup(s.provider, s.offer, renter);
        given().auth().oauth2(TestTokens.buyer("not-on-the-list-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + s.offer + "\",\"gpus\":1,\"hours\":1}").post("/v1/leases").then().statusCode(409)
                .body("excludedBy.tenant", equalTo(1));
        String lease = lease(asAllowed, 1, 1);
        given().auth().oauth2(asAllowed.renterToken()).get("/v1/leases/" + lease).then().statusCode(200);
        given().auth().oauth2(s.providerToken()).get("/v1/leases/" + lease).then().statusCode(200)
                .body("renterId", equalTo(TestTokens.subjectOf(renter)));
        given().auth().oauth2(TestTokens.operator("op-" + UUID.randomUUID())).get("/v1/leases/" + lease).then().statusCode(200);
        given().auth().oauth2(TestTokens.buyer("nosy-" + UUID.randomUUID())).get("/v1/leases/" + lease).then().statusCode(404);
        given().auth().oauth2(TestTokens.provider("nosy-" + UUID.randomUUID())).get("/v1/leases/" + lease).then().statusCode(404);
        given().get("/v1/leases/" + lease).then().statusCode(401);
        given().auth().oauth2(s.providerToken()).queryParam("as", "provider").get("/v1/leases").then().statusCode(200)
                .body("items.id", hasItem(lease));
        given().auth().oauth2(asAllowed.renterToken()).queryParam("as", "provider").get("/v1/leases").then().statusCode(403);
        given().auth().oauth2(asAllowed.renterToken()).queryParam("as", "landlord").get("/v1/leases").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aMalformedPaymentEventGoesToTheDeadLetterTopicAndTheNextOneIsHandled() {
        Setup s = setup(null);
        String lease = lease(s, 1, 1);
        settlement.send(lease, "PaymentHeld", "{\"correlationType\":\"LEASE\",\"correlationId\":\"" + lease + "\"}");
        settlement.send(lease, "PaymentHeld", held(UUID.randomUUID().toString(), UUID.randomUUID(), "1")); // unknown lease
        settlement.send(lease, "PaymentHeld", held(lease, UUID.randomUUID(), "1000"));
        awaitState(s, lease, "ACTIVE");
        assertThat(TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.settlement.v1.dlq.compute", lease, 2,
                PATIENCE)).hasSize(2);
    }

    @Test
    void providerScoresReorderTheMarketAndMatchingAndOldScoresDoNotWin() {
        String model = "R-" + UUID.randomUUID().toString().substring(0, 8);
        String cheap = "cheap-" + model;
        String good = "good-" + model;
        String cheapOffer = offer(cheap, model, "900");
        String goodOffer = offer(good, model, "1000");
        // No scores yet: both rank as 0.5, the cheaper first.
        given().queryParam("gpuModel", model).get("/v1/offers").then().body("items[0].id", equalTo(cheapOffer))
                .body("items[0].rankPrice", equalTo("1125.0000"));
        try (var reputation = EventFeed.of(KafkaResource.bootstrapServers(), "reputation", "Provider")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String goodId = TestTokens.subjectOf(good);
            reputation.send(goodId, UUID.randomUUID(), "ProviderScoreChanged",
                    "{\"providerId\":\"" + goodId + "\",\"score\":0.95}", now);
            reputation.send(goodId, UUID.randomUUID(), "ProviderScoreChanged",
                    "{\"providerId\":\"" + goodId + "\",\"score\":0.0}", now.minusHours(1)); // late and stale
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("gpuModel", model).get("/v1/offers").then()
                .body("items[0].id", equalTo(goodOffer)).body("items[0].rankPrice", equalTo("1025.0000")));
        given().auth().oauth2(TestTokens.buyer("chooser-" + model)).contentType(ContentType.JSON)
                .body("{\"requirements\":{\"gpuModel\":\"" + model + "\"},\"gpus\":1,\"hours\":1}").post("/v1/leases")
                .then().statusCode(201).body("offerId", equalTo(goodOffer)).body("pricePerGpuHour", equalTo("1000"));
    }

    // --- helpers ---

    static String offer(String provider, String model, String price) {
        return given().auth().oauth2(TestTokens.provider(provider)).contentType(ContentType.JSON)
                .body("{\"region\":\"eu-west\",\"gpuModel\":\"" + model + "\",\"vramGb\":80,\"gpuCount\":2,\"cpuCores\":8,"
                        + "\"ramGb\":64,\"pricePerGpuHour\":\"" + price + "\",\"minHours\":1,\"maxHours\":24}")
                .post("/v1/offers").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse usage(Setup s, String lease, long seconds) {
        return given().auth().oauth2(s.providerToken()).contentType(ContentType.JSON)
                .body("{\"usedGpuSeconds\":" + seconds + "}").post("/v1/leases/" + lease + "/usage").then();
    }

    static List<String> events(String lease) {
        return TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.compute.v1", lease, 1, PATIENCE).stream()
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getString("type")
                        .replaceAll("^ai\\.marketplace\\.compute\\.(\\w+)\\.v1$", "$1"))
                .toList();
    }

    /** The one event of that type for the lease (waiting for it to be relayed). */
    /** How many {@code event}s of the lease are on the topic now. */
    static long count(String lease, String event) {
        String type = "ai.marketplace.compute." + event + ".v1";
        return TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.compute.v1", lease, 1, PATIENCE).stream()
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .filter(e -> e.getString("type").equals(type)).count();
    }

    static JsonObject only(String lease, String event) {
        String type = "ai.marketplace.compute." + event + ".v1";
        List<JsonObject> found = List.of();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.compute.v1", lease, 1, PATIENCE).stream()
                    .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                    .filter(e -> e.getString("type").equals(type)).toList();
        }
        assertThat(found).as(event + " of " + lease).hasSize(1);
        return found.get(0);
    }

    static long allocated(String offer) throws SQLException {
        return count("select allocated_gpus from offer where id = '" + offer + "'");
    }

    static long count(String query) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sql(String statement) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
