package ai.marketplace.reputation.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Reputation from the marketplace's history, with catalog's, compute's and settlement's events fed into Kafka:
 * verified-only reviews, reliability and payer scores that follow the events, and stake-weighted consensus.
 */
@QuarkusTest
class ReputationFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static EventFeed catalog;
    static EventFeed compute;
    static EventFeed settlement;

    @BeforeAll
    static void feeds() {
        catalog = EventFeed.of(KafkaResource.bootstrapServers(), "catalog", "Asset");
        compute = EventFeed.of(KafkaResource.bootstrapServers(), "compute", "Lease");
        settlement = EventFeed.of(KafkaResource.bootstrapServers(), "settlement", "Hold");
    }

    @AfterAll
    static void close() {
        catalog.close();
        compute.close();
        settlement.close();
    }

    @Test
    void onlyALicenceHolderReviewsAnAssetOnceAndTheScoreFollows() throws Exception {
        String sellerName = "seller-" + UUID.randomUUID();
        String seller = TestTokens.subjectOf(sellerName);
        String buyerName = "buyer-" + UUID.randomUUID();
        String buyer = TestTokens.subjectOf(buyerName);
        UUID asset = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID selfOrder = UUID.randomUUID();
        catalog.send(asset.toString(), "AssetCreated", "{\"assetId\":\"" + asset + "\",\"ownerId\":\"" + seller
                + "\",\"kind\":\"MODEL\",\"name\":\"reviewed\",\"createdAt\":\"2026-11-01T00:00:00Z\"}");
        catalog.send(order.toString(), "LicenceGranted", licence(order, buyer, seller, asset));
        catalog.send(selfOrder.toString(), "LicenceGranted", licence(selfOrder, seller, seller, asset));
        settlement.send(order.toString(), "PaymentCaptured", "{\"holdId\":\"" + UUID.randomUUID() + "\",\"correlationType\":\"ORDER\","
                + "\"correlationId\":\"" + order + "\",\"payerId\":\"" + buyer + "\",\"payeeAmount\":\"9750000\",\"fee\":\"250000\"}");
        await().atMost(PATIENCE).until(() -> count("select count(*) from licence_projection where order_id in ('" + order + "','"
                + selfOrder + "')") == 2 && count("select count(*) from party_record where subject_id = '" + buyer + "' and spent = 10000000") == 1);

        String token = TestTokens.buyer(buyerName);
        given().auth().oauth2(TestTokens.buyer("stranger")).contentType(ContentType.JSON).body(review("ORDER", order, 5))
                .post("/v1/reviews").then().statusCode(403).body("reason", equalTo("no-qualifying-purchase"));
        // The seller bought a licence to their own asset: still no review of it.
        given().auth().oauth2(TestTokens.token(sellerName, "buyer")).contentType(ContentType.JSON)
                .body(review("ORDER", selfOrder, 5)).post("/v1/reviews").then().statusCode(403).body("reason", equalTo("self-review"));
        for (String bad : new String[] { review("ORDER", order, 6), review("ORDER", order, 0),
                "{\"basisType\":\"ORDER\",\"basisId\":\"" + order + "\",\"rating\":4,\"text\":\"" + "x".repeat(4001) + "\"}",
                review("GIFT", order, 4), "{\"basisType\":\"ORDER\",\"basisId\":\"nope\",\"rating\":4,\"text\":\"\"}", "[]" }) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(bad).post("/v1/reviews").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(review("ORDER", order, 5)).post("/v1/reviews")
                .then().statusCode(201).body("subjectType", equalTo("ASSET")).body("subjectId", equalTo(asset.toString()))
                .body("weight", equalTo(1.0f)).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(review("ORDER", order, 1)).post("/v1/reviews")
                .then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:already-reviewed"));

        JsonPath score = given().get("/v1/reputation/scores/asset/" + asset).then().statusCode(200).extract().jsonPath();
        assertThat(score.getInt("components.reviews")).isEqualTo(1);
        // Bayesian: (5·3 + 1·5) / 6 = 3.333 → (3.333 − 1) / 4 = 0.5833; asset score = 0.85 × 0.5833 (not verified).
        assertThat(score.getDouble("components.rating")).isEqualTo(0.5833);
        assertThat(score.getDouble("score")).isEqualTo(0.4958);
        // Why a single five-star review scores below 0.5 is in the answer itself.
        assertThat(score.getDouble("components.reviewWeight")).isEqualTo(1.0);
        assertThat(score.getString("components.explanation")).contains("0.85 × rating + 0.15 × verified (0 until validators verify a version)")
                .contains("1 review(s) of total weight 1").contains("5 prior review(s) of 3 stars");
        assertThat(lastEvent(asset.toString(), "AssetScoreChanged").getJsonObject("data").getDouble("score")).isEqualTo(0.4958);

        given().auth().oauth2(TestTokens.buyer("someone")).contentType(ContentType.JSON).body("{\"rating\":1,\"text\":\"x\"}")
                .put("/v1/reviews/" + id).then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"rating\":4,\"text\":\"good after all\"}")
                .put("/v1/reviews/" + id).then().statusCode(200).body("rating", equalTo(4)).body("version", equalTo(1));
        given().auth().oauth2(TestTokens.provider("not-the-owner")).contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                .post("/v1/reviews/" + id + "/reply").then().statusCode(403);
        given().auth().oauth2(TestTokens.token(sellerName, "provider")).contentType(ContentType.JSON)
                .body("{\"text\":\"thanks\"}").post("/v1/reviews/" + id + "/reply").then().statusCode(200).body("reply", equalTo("thanks"));
        given().auth().oauth2(TestTokens.token(sellerName, "provider")).contentType(ContentType.JSON)
                .body("{\"text\":\"again\"}").post("/v1/reviews/" + id + "/reply").then().statusCode(409);
        given().get("/v1/reputation/assets/" + asset + "/reviews").then().statusCode(200).body("items[0].id", equalTo(id))
                .body("items[0].reply", equalTo("thanks"));
        given().get("/v1/reputation/scores/robot/x").then().statusCode(400);
    }

    @Test
    void aBurstOfReviewsFromNewUnpayingAccountsIsDampened() throws Exception {
        String seller = TestTokens.subjectOf("burst-seller-" + UUID.randomUUID());
        UUID asset = UUID.randomUUID();
        catalog.send(asset.toString(), "AssetCreated", "{\"assetId\":\"" + asset + "\",\"ownerId\":\"" + seller
                + "\",\"kind\":\"DATASET\",\"name\":\"burst\",\"createdAt\":\"2026-11-01T00:00:00Z\"}");
        List<String> names = new java.util.ArrayList<>();
        List<UUID> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("sybil-" + i + "-" + UUID.randomUUID());
            orders.add(UUID.randomUUID());
            catalog.send(orders.get(i).toString(), "LicenceGranted", licence(orders.get(i), TestTokens.subjectOf(names.get(i)), seller, asset));
        }
        await().atMost(PATIENCE).until(() -> count("select count(*) from licence_projection where asset_id = '" + asset + "'") == 5);
        List<Float> weights = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            weights.add(given().auth().oauth2(TestTokens.buyer(names.get(i))).contentType(ContentType.JSON)
                    .body(review("ORDER", orders.get(i), 5)).post("/v1/reviews").then().statusCode(201).extract().path("weight"));
        }
        // Nothing paid: 0.2 each; from the fourth review in the burst window on, a quarter of that.
        assertThat(weights).containsExactly(0.2f, 0.2f, 0.2f, 0.05f, 0.05f);
    }

    @Test
    void leaseOutcomesDriveProviderReliabilityOnceEachAndRentersReviewFinishedLeasesOnly() throws Exception {
        String providerName = "gpu-" + UUID.randomUUID();
        String provider = TestTokens.subjectOf(providerName);
        String renterName = "renter-" + UUID.randomUUID();
        String renter = TestTokens.subjectOf(renterName);
        UUID[] leases = { UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() };
        for (UUID l : leases) {
            compute.send(l.toString(), "LeaseRequested", "{\"leaseId\":\"" + l + "\",\"renterId\":\"" + renter + "\",\"providerId\":\"" + provider + "\"}");
        }
        compute.send(leases[0].toString(), "LeaseEnded", ended(leases[0], renter, provider, "COMPLETED", "TERM_ENDED"));
        compute.send(leases[1].toString(), "LeaseEnded", ended(leases[1], renter, provider, "COMPLETED", "RENTER_ENDED"));
        compute.send(leases[2].toString(), "LeaseEnded", ended(leases[2], renter, provider, "FAILED", "PROVIDER_UNRESPONSIVE"));
        compute.send(leases[2].toString(), "LeaseEnded", ended(leases[2], renter, provider, "FAILED", "PROVIDER_UNRESPONSIVE")); // a copy
        await().atMost(PATIENCE).until(() -> count("select count(*) from lease_projection where provider_id = '" + provider
                + "' and state in ('COMPLETED', 'FAILED')") == 3 && count("select count(*) from inbox where consumer = 'reputation.leases'"
                + " and event_id is not null") > 0);
        // Sent in order on one key each: wait until the copy of lease 2's end has been processed too.
        await().atMost(PATIENCE).until(() -> given().get("/v1/reputation/scores/provider/" + provider).statusCode() == 200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath s = given().get("/v1/reputation/scores/provider/" + provider).then().extract().jsonPath();
            assertThat(s.getInt("components.leasesCompleted")).isEqualTo(2);
            assertThat(s.getInt("components.leasesUnresponsive")).isEqualTo(1);
        });
        JsonPath s = given().get("/v1/reputation/scores/provider/" + provider).then().extract().jsonPath();
        assertThat(s.getDouble("components.reliability")).isEqualTo(0.5714); // (2 + 2) / (3 + 4)
        assertThat(s.getDouble("score")).isEqualTo(0.5428);                  // 0.6 × 0.5714 + 0.4 × 0.5 (no reviews)
        assertThat(lastEvent(provider, "ProviderScoreChanged").getJsonObject("data").getDouble("score")).isEqualTo(0.5428);

        String token = TestTokens.buyer(renterName);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(review("LEASE", leases[3], 2)).post("/v1/reviews")
                .then().statusCode(403).body("reason", equalTo("lease-not-finished"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(review("LEASE", leases[0], 2)).post("/v1/reviews")
                .then().statusCode(201).body("subjectType", equalTo("PROVIDER")).body("subjectId", equalTo(provider));
        given().get("/v1/reputation/providers/" + provider + "/reviews").then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1));

        // Payments: two failures of the same order under different event ids count once.
        UUID order = UUID.randomUUID();
        String failed = "{\"correlationType\":\"ORDER\",\"correlationId\":\"" + order + "\",\"payerId\":\"" + renter + "\",\"reason\":\"INSUFFICIENT_FUNDS\"}";
        settlement.send(order.toString(), "PaymentFailed", failed);
        settlement.send(order.toString(), "PaymentFailed", failed);
        await().atMost(PATIENCE).until(() -> given().get("/v1/reputation/scores/payer/" + renter).statusCode() == 200);
        UUID marker = UUID.randomUUID();
        settlement.send(order.toString(), "PaymentFailed", failed.replace(order.toString(), marker.toString()));
        await().atMost(PATIENCE).until(() -> count("select payments_failed from party_record where subject_id = '" + renter + "'") == 2);
    }

    @Test
    void aLeaseOnWhichNothingRanOrWithOneselfMovesNoScoreAndAllowsNoReview() throws Exception {
        String provider = TestTokens.subjectOf("idle-" + UUID.randomUUID());
        String renterName = "lazy-" + UUID.randomUUID();
        String renter = TestTokens.subjectOf(renterName);
        UUID empty = UUID.randomUUID();
        UUID self = UUID.randomUUID();
        UUID real = UUID.randomUUID();
        for (UUID l : new UUID[] { empty, real }) {
            compute.send(l.toString(), "LeaseRequested", "{\"leaseId\":\"" + l + "\",\"renterId\":\"" + renter + "\",\"providerId\":\"" + provider + "\"}");
        }
        compute.send(self.toString(), "LeaseRequested", "{\"leaseId\":\"" + self + "\",\"renterId\":\"" + provider + "\",\"providerId\":\"" + provider + "\"}");
        compute.send(empty.toString(), "LeaseEnded", ended(empty, renter, provider, "COMPLETED", "RENTER_ENDED").replace("\"1000\"", "\"0\""));
        compute.send(self.toString(), "LeaseEnded", ended(self, provider, provider, "COMPLETED", "TERM_ENDED"));
        compute.send(real.toString(), "LeaseEnded", ended(real, renter, provider, "COMPLETED", "TERM_ENDED"));
        await().atMost(PATIENCE).until(() -> count("select count(*) from lease_projection where provider_id = '" + provider
                + "' and state = 'COMPLETED'") == 3);
        await().atMost(PATIENCE).until(() -> given().get("/v1/reputation/scores/provider/" + provider).statusCode() == 200);
        assertThat(given().get("/v1/reputation/scores/provider/" + provider).then().extract().jsonPath()
                .getInt("components.leasesCompleted")).as("only the lease something ran on counts").isEqualTo(1);
        given().auth().oauth2(TestTokens.buyer(renterName)).contentType(ContentType.JSON).body(review("LEASE", empty, 5))
                .post("/v1/reviews").then().statusCode(403).body("reason", equalTo("no-usage"));
    }

    @Test
    void stakeWeightedConsensusVerifiesDespiteAColludingMinorityAndSlashesAndDiscountsTheOutlier() throws Exception {
        String owner = TestTokens.subjectOf("owner-" + UUID.randomUUID());
        UUID asset = UUID.randomUUID();
        UUID v1 = UUID.randomUUID();
        UUID v2 = UUID.randomUUID();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] names = { "h1-" + tag, "h2-" + tag, "h3-" + tag, "c1-" + tag, "c2-" + tag };
        // Millions of base units, so that stakes other tests leave behind weigh nothing in the quorum.
        long[] stakes = { 400_000_000, 300_000_000, 200_000_000, 150_000_000, 100_000_000 };
        UUID[] stakeIds = lockStakes(names, stakes);
        publishVersions(asset, owner, v1, v2);

        given().auth().oauth2(TestTokens.buyer(names[0])).contentType(ContentType.JSON).body(attest(v1, true, "0.91"))
                .post("/v1/attestations").then().statusCode(403);
        given().auth().oauth2(TestTokens.validator("unstaked-" + tag)).contentType(ContentType.JSON).body(attest(v1, true, "0.91"))
                .post("/v1/attestations").then().statusCode(403);
        attestAs(names[0], v1, true, "0.91").statusCode(200).body("outcome", equalTo("PENDING"));
        attestAs(names[0], v1, true, "0.91").statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:already-attested"));
        // Two validators, whatever their stake, are fewer than the three a round needs.
        attestAs(names[4], v1, false, "0.50").statusCode(200).body("outcome", equalTo("PENDING"));
        // The third: 200 + 50 + 150 (new validators weigh ½) of 575 active is past the 33 % quorum, 87 % agree.
        attestAs(names[1], v1, true, "0.90").statusCode(200).body("outcome", equalTo("VERIFIED"));
        attestAs(names[2], v1, true, "0.92").statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:version-decided"));
        JsonObject verified = lastEvent(asset.toString(), "AssetVerified").getJsonObject("data");
        assertThat(verified.getString("versionId")).isEqualTo(v1.toString());
        assertThat(verified.getDouble("consensusMetric")).isBetween(0.90, 0.92);
        JsonObject closed = lastEvent(v1.toString(), "AttestationRoundClosed").getJsonObject("data");
        assertThat(closed.getString("outcome")).isEqualTo("VERIFIED");
        assertThat(closed.getJsonArray("validators").getList()).containsExactlyInAnyOrder(
                TestTokens.subjectOf(names[0]), TestTokens.subjectOf(names[4]), TestTokens.subjectOf(names[1]));
        assertThat(lastEvent(v1.toString(), "AttestationSubmitted").getJsonObject("data").getString("validatorId"))
                .isEqualTo(TestTokens.subjectOf(names[1]));

        // The dissenter is slashed a tenth of its stake; the honest majority is not.
        String dissenter = TestTokens.subjectOf(names[4]);
        JsonObject penalty = lastEvent(dissenter, "ValidatorPenalised").getJsonObject("data");
        assertThat(penalty.getString("versionId")).isEqualTo(v1.toString());
        assertThat(penalty.getJsonArray("stakes").getJsonObject(0).getString("stakeId")).isEqualTo(stakeIds[4].toString());
        assertThat(penalty.getJsonArray("stakes").getJsonObject(0).getString("amount")).isEqualTo("10000000");
        assertThat(keysOf("ValidatorPenalised")).contains(dissenter).doesNotContain(TestTokens.subjectOf(names[0]),
                TestTokens.subjectOf(names[1]));
        // Settlement answers with StakeSlashed: the slashed part stops counting at once.
        settlement.send(stakeIds[4].toString(), "StakeSlashed", "{\"stakeId\":\"" + stakeIds[4] + "\",\"validatorId\":\""
                + dissenter + "\",\"amount\":\"10000000\",\"versionId\":\"" + v1 + "\"}");
        await().atMost(PATIENCE).until(() -> count("select count(*) from validator where validator_id = '" + dissenter
                + "' and stake = 90000000") == 1);

        // Round two: the dissenter's new partner disagrees and is outvoted; records move for all who attested.
        attestAs(names[3], v2, false, null).statusCode(200).body("outcome", equalTo("PENDING"));
        attestAs(names[0], v2, true, null).statusCode(200).body("outcome", equalTo("PENDING"));
        attestAs(names[2], v2, true, null).statusCode(200).body("outcome", equalTo("VERIFIED"));
        JsonPath all = given().get("/v1/validators").then().statusCode(200).extract().jsonPath();
        String honest = TestTokens.subjectOf(names[0]);
        assertThat(all.getInt("find { it.validatorId == '" + dissenter + "' }.disagreements")).isEqualTo(1);
        assertThat(all.getString("find { it.validatorId == '" + dissenter + "' }.stake")).isEqualTo("90000000");
        assertThat(all.getInt("find { it.validatorId == '" + TestTokens.subjectOf(names[3]) + "' }.disagreements")).isEqualTo(1);
        assertThat(all.getDouble("find { it.validatorId == '" + honest + "' }.weight")).isEqualTo(0.75);
        given().get("/v1/reputation/versions/" + v1 + "/attestations").then().statusCode(200)
                .body("outcome", equalTo("VERIFIED")).body("attestations.validatorId", hasItem(dissenter));
        // The asset's score now includes its verification.
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/v1/reputation/scores/asset/" + asset).then().statusCode(200)
                .body("components.verified", equalTo(true)));
        releaseStakes(names, stakeIds);
    }

    @Test
    void dustOrTooFewValidatorsDecideNothingAndAReleasedStakeStopsCounting() throws Exception {
        String owner = TestTokens.subjectOf("owner-" + UUID.randomUUID());
        UUID asset = UUID.randomUUID();
        UUID version = UUID.randomUUID();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] names = { "dust-" + tag, "whale1-" + tag, "whale2-" + tag, "small1-" + tag, "small2-" + tag };
        long[] stakes = { 50, 10_000_000_000L, 10_000_000_000L, 100_000_000, 100_000_000 };
        UUID[] stakeIds = lockStakes(names, stakes);
        publishVersions(asset, owner, version);

        // Below the minimum stake (100 base units in tests; 100 tokens in production) a validator cannot attest.
        attestAs(names[0], version, true, null).statusCode(403).body("detail", org.hamcrest.Matchers.containsString("at least 100 tokens"));
        // Two whales with all the stake are still two validators.
        attestAs(names[1], version, true, null).statusCode(200).body("outcome", equalTo("PENDING"));
        attestAs(names[2], version, true, null).statusCode(200).body("outcome", equalTo("PENDING"));
        // The second whale takes its stake back (the race settlement's lock cannot see): its claim stops counting,
        // so a third attester still leaves two validators that count.
        String whale2 = TestTokens.subjectOf(names[2]);
        settlement.send(stakeIds[2].toString(), "StakeReleased", "{\"stakeId\":\"" + stakeIds[2] + "\",\"validatorId\":\""
                + whale2 + "\",\"amount\":\"" + stakes[2] + "\"}");
        await().atMost(PATIENCE).until(() -> count("select count(*) from validator where validator_id = '" + whale2 + "' and stake = 0") == 1);
        attestAs(names[3], version, true, null).statusCode(200).body("outcome", equalTo("PENDING"));
        attestAs(names[4], version, true, null).statusCode(200).body("outcome", equalTo("VERIFIED"));
        JsonObject verified = lastEvent(asset.toString(), "AssetVerified").getJsonObject("data");
        // whale1 + small1 + small2 at weight ½; the released whale is not in the stake for.
        assertThat(new java.math.BigDecimal(verified.getValue("stakeFor").toString())).isEqualByComparingTo("5100000000");
        assertThat(lastEvent(version.toString(), "AttestationRoundClosed").getJsonObject("data").getJsonArray("validators").size())
                .isEqualTo(4);
        releaseStakes(names, stakeIds);
    }

    UUID[] lockStakes(String[] names, long[] stakes) {
        UUID[] ids = new UUID[names.length];
        for (int i = 0; i < names.length; i++) {
            ids[i] = UUID.randomUUID();
            settlement.send(ids[i].toString(), "StakeLocked", "{\"stakeId\":\"" + ids[i] + "\",\"validatorId\":\""
                    + TestTokens.subjectOf(names[i]) + "\",\"amount\":\"" + stakes[i] + "\"}");
        }
        String subjects = String.join(",", java.util.Arrays.stream(names).map(n -> "'" + TestTokens.subjectOf(n) + "'").toList());
        await().atMost(PATIENCE).until(() -> count("select count(*) from validator where validator_id in (" + subjects
                + ") and stake > 0") == names.length);
        return ids;
    }

    /** Stakes left locked would weigh in the quorum of the next test's rounds. */
    void releaseStakes(String[] names, UUID[] ids) {
        for (int i = 0; i < names.length; i++) {
            settlement.send(ids[i].toString(), "StakeReleased", "{\"stakeId\":\"" + ids[i] + "\",\"validatorId\":\""
                    + TestTokens.subjectOf(names[i]) + "\",\"amount\":\"1\"}");
        }
        String list = String.join(",", java.util.Arrays.stream(ids).map(id -> "'" + id + "'").toList());
        await().atMost(PATIENCE).until(() -> count("select count(*) from validator_stake where stake_id in (" + list
                + ") and not released") == 0);
    }

    void publishVersions(UUID asset, String owner, UUID... versions) {
        for (UUID v : versions) {
            catalog.send(asset.toString(), "AssetVersionPublished", "{\"assetId\":\"" + asset + "\",\"versionId\":\"" + v
                    + "\",\"ownerId\":\"" + owner + "\",\"semver\":\"1.0.0\",\"digest\":\"" + "ab".repeat(32) + "\"}");
        }
        await().atMost(PATIENCE).until(() -> count("select count(*) from asset_version_projection where asset_id = '" + asset
                + "'") == versions.length);
    }

    // --- helpers ---

    static io.restassured.response.ValidatableResponse attestAs(String validator, UUID version, boolean matches, String metric) {
        return given().auth().oauth2(TestTokens.validator(validator)).contentType(ContentType.JSON).body(attest(version, matches, metric))
                .post("/v1/attestations").then();
    }

    static String attest(UUID version, boolean matches, String metric) {
        return "{\"versionId\":\"" + version + "\",\"digestMatches\":" + matches
                + (metric == null ? "" : ",\"metricName\":\"accuracy\",\"metricValue\":" + metric) + "}";
    }

    static String review(String basis, UUID id, int rating) {
        return "{\"basisType\":\"" + basis + "\",\"basisId\":\"" + id + "\",\"rating\":" + rating + ",\"text\":\"review text\"}";
    }

    static String licence(UUID order, String holder, String seller, UUID asset) {
        return "{\"licenceId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + order + "\",\"holderId\":\"" + holder
                + "\",\"sellerId\":\"" + seller + "\",\"assetId\":\"" + asset + "\",\"amount\":\"10000000\"}";
    }

    static String ended(UUID lease, String renter, String provider, String state, String reason) {
        return "{\"leaseId\":\"" + lease + "\",\"renterId\":\"" + renter + "\",\"providerId\":\"" + provider + "\",\"state\":\""
                + state + "\",\"reason\":\"" + reason + "\",\"usedAmount\":\"1000\"}";
    }

    /**
     * The keys of every {@code type} event on the topic, read until at least one is seen: called once an event of
     * the same transaction is known to be there, so an absent key is really absent.
     */
    static List<String> keysOf(String type) {
        String full = "ai.marketplace.reputation." + type + ".v1";
        return TopicReader.read(KafkaResource.bootstrapServers(), "marketplace.reputation.v1",
                r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getString("type").equals(full), 1, PATIENCE)
                .stream().map(r -> r.key()).toList();
    }

    static JsonObject lastEvent(String key, String type) {
        String full = "ai.marketplace.reputation." + type + ".v1";
        List<JsonObject> found = List.of();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.reputation.v1", key, 1, PATIENCE).stream()
                    .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                    .filter(e -> e.getString("type").equals(full)).toList();
        }
        assertThat(found).as(type + " for " + key).isNotEmpty();
        return found.get(found.size() - 1);
    }

    static long count(String query) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
