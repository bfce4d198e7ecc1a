package ai.marketplace.settlement.consumers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Settlement's legs of the purchase and rental sagas, with catalog's and compute's events fed into Kafka. */
@QuarkusTest
class SagaLegsTest {

    static EventFeed catalog;
    static EventFeed compute;

    @BeforeAll
    static void feeds() {
        catalog = EventFeed.of(KafkaResource.bootstrapServers(), "catalog", "Order");
        compute = EventFeed.of(KafkaResource.bootstrapServers(), "compute", "Lease");
    }

    @AfterAll
    static void close() {
        catalog.close();
        compute.close();
    }

    @Test
    void purchaseHoldsOnceThenPaysTheSellerMinusTheFee() throws Exception {
        String buyer = "bo-" + UUID.randomUUID();
        String seller = "sy-" + UUID.randomUUID();
        Funds.fund(buyer, 10_000);
        long feesBefore = Funds.sqlLong("select sum(balance) from account where kind = 'PLATFORM_FEES'");
        UUID order = UUID.randomUUID();
        String placed = "{\"orderId\":\"" + order + "\",\"buyerId\":\"" + TestTokens.subjectOf(buyer) + "\",\"sellerId\":\""
                + TestTokens.subjectOf(seller) + "\",\"amount\":\"4000\"}";
        UUID eventId = UUID.randomUUID();
        catalog.send(order.toString(), eventId, "OrderPlaced", placed);
        catalog.send(order.toString(), eventId, "OrderPlaced", placed);   // redelivered
        catalog.send(order.toString(), "OrderPlaced", placed);            // a copy under a new id
        List<JsonObject> answers = Funds.events(order.toString(), 1);
        assertThat(Funds.types(answers)).containsExactly("PaymentHeld");
        JsonObject held = answers.get(0).getJsonObject("data");
        assertThat(held.getString("correlationType")).isEqualTo("ORDER");
        assertThat(held.getString("amount")).isEqualTo("4000");
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from inbox where event_id = '" + eventId + "'") == 1
                && Funds.available(buyer).equals(BigInteger.valueOf(6_000)));
        assertThat(Funds.held(buyer)).isEqualTo(BigInteger.valueOf(4_000));
        given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/accounts/me/holds").then().statusCode(200)
                .body("items[0].state", equalTo("HELD")).body("items[0].correlationId", equalTo(order.toString()));

        catalog.send(order.toString(), "LicenceGranted", "{\"orderId\":\"" + order + "\",\"sellerId\":\""
                + TestTokens.subjectOf(seller) + "\",\"amount\":\"4000\"}");
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(seller).equals(BigInteger.valueOf(3_900)));
        assertThat(Funds.held(buyer)).isZero();
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(6_000));
        assertThat(Funds.sqlLong("select sum(balance) from account where kind = 'PLATFORM_FEES'")).isEqualTo(feesBefore + 100);
        // Operators see the platform's earnings as one figure over all fee shards; nobody else does.
        given().auth().oauth2(TestTokens.operator("olga")).get("/v1/ledger/platform-balances").then().statusCode(200)
                .body("fees", equalTo(Long.toString(feesBefore + 100))).body("feeShards", equalTo(16));
        given().auth().oauth2(TestTokens.buyer(seller)).get("/v1/ledger/platform-balances").then().statusCode(403);
        List<String> types = Funds.types(Funds.events(order.toString(), 2));
        assertThat(types).containsExactly("PaymentHeld", "PaymentCaptured");
        // The seller's statement shows the capture as a credit.
        given().auth().oauth2(TestTokens.buyer(seller)).get("/v1/accounts/me/transfers").then().statusCode(200)
                .body("items[0].kind", equalTo("CAPTURE")).body("items[0].direction", equalTo("CREDIT"))
                .body("items[0].amount", equalTo("3900"));
        Funds.assertInvariants();
    }

    @Test
    void aCaptureNamingAnotherPayeeThanTheHoldsIsRefusedAndPaysNobody() throws Exception {
        String buyer = "fb-" + UUID.randomUUID();
        String seller = "fs-" + UUID.randomUUID();
        String thief = "ft-" + UUID.randomUUID();
        Funds.fund(buyer, 5_000);
        UUID order = UUID.randomUUID();
        catalog.send(order.toString(), "OrderPlaced", order(order, buyer, seller, "2000"));
        assertThat(Funds.types(Funds.events(order.toString(), 1))).containsExactly("PaymentHeld");
        long fees = Funds.sqlLong("select sum(balance) from account where kind = 'PLATFORM_FEES'");
        // A forged (or buggy) grant naming someone else: dead-lettered, the hold stays whole.
        catalog.send(order.toString(), "LicenceGranted", "{\"orderId\":\"" + order + "\",\"sellerId\":\""
                + TestTokens.subjectOf(thief) + "\",\"amount\":\"2000\"}");
        assertThat(ai.marketplace.testsupport.TopicReader.byKey(KafkaResource.bootstrapServers(),
                "marketplace.catalog.v1.dlq.settlement", order.toString(), 1, Funds.PATIENCE)).hasSize(1);
        assertThat(Funds.held(buyer)).isEqualTo(BigInteger.valueOf(2_000));
        assertThat(Funds.sqlLong("select count(*) from account where owner_id = '" + TestTokens.subjectOf(thief) + "'")).isZero();
        assertThat(Funds.sqlLong("select sum(balance) from account where kind = 'PLATFORM_FEES'")).isEqualTo(fees);
        // The genuine grant still pays the seller the hold was placed for.
        catalog.send(order.toString(), "LicenceGranted", "{\"orderId\":\"" + order + "\",\"sellerId\":\""
                + TestTokens.subjectOf(seller) + "\",\"amount\":\"2000\"}");
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(seller).equals(BigInteger.valueOf(1_950)));
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(3_000));
        Funds.assertInvariants();
    }

    @Test
    void aNewerVersionOrAnotherServicesTypeIsDeadLetteredNeverReadAsTheOneWeKnow() throws Exception {
        String buyer = "vb-" + UUID.randomUUID();
        Funds.fund(buyer, 5_000);
        UUID v2 = UUID.randomUUID();
        catalog.sendTyped(v2.toString(), "ai.marketplace.catalog.OrderPlaced.v2", order(v2, buyer, "700"));
        UUID forged = UUID.randomUUID();
        catalog.sendTyped(forged.toString(), "ai.marketplace.compute.OrderPlaced.v1", order(forged, buyer, "800"));
        String dlq = "marketplace.catalog.v1.dlq.settlement";
        assertThat(ai.marketplace.testsupport.TopicReader.byKey(KafkaResource.bootstrapServers(), dlq, v2.toString(), 1,
                Funds.PATIENCE)).hasSize(1);
        assertThat(ai.marketplace.testsupport.TopicReader.byKey(KafkaResource.bootstrapServers(), dlq, forged.toString(), 1,
                Funds.PATIENCE)).hasSize(1);
        assertThat(Funds.held(buyer)).isZero();
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(5_000));
    }

    @Test
    void paymentsFailWithAReasonAndCancelledOrdersAreReleased() throws Exception {
        String buyer = "pf-" + UUID.randomUUID();
        Funds.fund(buyer, 1_000);
        UUID tooMuch = UUID.randomUUID();
        catalog.send(tooMuch.toString(), "OrderPlaced", order(tooMuch, buyer, "5000"));
        UUID nobody = UUID.randomUUID();
        catalog.send(nobody.toString(), "OrderPlaced", order(nobody, "ghost-" + UUID.randomUUID(), "1"));
        assertThat(Funds.events(tooMuch.toString(), 1).get(0).getJsonObject("data").getString("reason")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(Funds.events(nobody.toString(), 1).get(0).getJsonObject("data").getString("reason")).isEqualTo("NO_ACCOUNT");
        assertThat(Funds.available(buyer)).isEqualTo(BigInteger.valueOf(1_000));

        UUID cancelled = UUID.randomUUID();
        catalog.send(cancelled.toString(), "OrderPlaced", order(cancelled, buyer, "600"));
        catalog.send(cancelled.toString(), "OrderCancelled", "{\"orderId\":\"" + cancelled + "\",\"reason\":\"BUYER\"}");
        assertThat(Funds.types(Funds.events(cancelled.toString(), 2))).containsExactly("PaymentHeld", "HoldReleased");
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(buyer).equals(BigInteger.valueOf(1_000)));
        assertThat(Funds.held(buyer)).isZero();
        Funds.assertInvariants();
    }

    @Test
    void aLeasePaysTheProviderWhatWasUsedAndReturnsTheRest() throws Exception {
        String renter = "rn-" + UUID.randomUUID();
        String provider = "pv-" + UUID.randomUUID();
        Funds.fund(renter, 20_000);
        UUID lease = UUID.randomUUID();
        compute.send(lease.toString(), "LeaseRequested", "{\"leaseId\":\"" + lease + "\",\"renterId\":\""
                + TestTokens.subjectOf(renter) + "\",\"providerId\":\"" + TestTokens.subjectOf(provider) + "\",\"maxAmount\":\"12000\"}");
        assertThat(Funds.events(lease.toString(), 1).get(0).getJsonObject("data").getString("correlationType")).isEqualTo("LEASE");
        compute.send(lease.toString(), "LeaseEnded", "{\"leaseId\":\"" + lease + "\",\"providerId\":\""
                + TestTokens.subjectOf(provider) + "\",\"usedAmount\":\"2000\",\"maxAmount\":\"12000\"}");
        List<JsonObject> events = Funds.events(lease.toString(), 3);
        assertThat(Funds.types(events)).containsExactly("PaymentHeld", "PaymentCaptured", "HoldReleased");
        assertThat(events.get(1).getJsonObject("data").getString("payeeAmount")).isEqualTo("1950");
        assertThat(events.get(1).getJsonObject("data").getString("fee")).isEqualTo("50");
        assertThat(events.get(2).getJsonObject("data").getString("amount")).isEqualTo("10000");
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(renter).equals(BigInteger.valueOf(18_000)));
        assertThat(Funds.available(provider)).isEqualTo(BigInteger.valueOf(1_950));

        UUID neverRan = UUID.randomUUID();
        compute.send(neverRan.toString(), "LeaseRequested", "{\"leaseId\":\"" + neverRan + "\",\"renterId\":\""
                + TestTokens.subjectOf(renter) + "\",\"providerId\":\"x\",\"maxAmount\":\"3000\"}");
        compute.send(neverRan.toString(), "LeaseCancelled", "{\"leaseId\":\"" + neverRan + "\",\"state\":\"CANCELLED\"}");
        assertThat(Funds.types(Funds.events(neverRan.toString(), 2))).containsExactly("PaymentHeld", "HoldReleased");
        await().atMost(Funds.PATIENCE).until(() -> Funds.available(renter).equals(BigInteger.valueOf(18_000)));

        // A capture larger than the hold is refused as malformed (dead-letter topic) and moves nothing.
        UUID greedy = UUID.randomUUID();
        compute.send(greedy.toString(), "LeaseRequested", "{\"leaseId\":\"" + greedy + "\",\"renterId\":\""
                + TestTokens.subjectOf(renter) + "\",\"providerId\":\"x\",\"maxAmount\":\"100\"}");
        compute.send(greedy.toString(), "LeaseEnded", "{\"leaseId\":\"" + greedy + "\",\"providerId\":\"x\",\"usedAmount\":\"101\"}");
        assertThat(ai.marketplace.testsupport.TopicReader.byKey(KafkaResource.bootstrapServers(),
                "marketplace.compute.v1.dlq.settlement", greedy.toString(), 1, Funds.PATIENCE)).hasSize(1);
        assertThat(Funds.held(renter)).isEqualTo(BigInteger.valueOf(100));
        Funds.assertInvariants();
    }

    @Test
    void holdsReleasesAndCapturesAnnounceALowBalanceOncePerCrossing() throws Exception {
        String buyer = "lb-" + UUID.randomUUID();
        String seller = "ls-" + UUID.randomUUID();
        Funds.fund(buyer, 10_000);
        given().auth().oauth2(TestTokens.buyer(buyer)).contentType(io.restassured.http.ContentType.JSON)
                .body("{\"threshold\":\"7000\"}").put("/v1/accounts/me/low-balance-threshold").then().statusCode(200);
        String account = Funds.account(buyer).getString("id");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        catalog.send(first.toString(), "OrderPlaced", order(first, buyer, "4000"));    // 10,000 → 6,000: crosses
        catalog.send(second.toString(), "OrderPlaced", order(second, buyer, seller, "1000"));  // → 5,000: still below, silent
        Funds.events(second.toString(), 1);
        List<JsonObject> lows = Funds.privateEvents(account, 2);
        assertThat(Funds.types(lows)).containsExactly("FundsDeposited", "BalanceLow");
        assertThat(lows.get(1).getJsonObject("data").getString("available")).isEqualTo("6000");
        assertThat(lows.get(1).getJsonObject("data").getString("threshold")).isEqualTo("7000");

        // The release brings the balance back to 9,000 and re-arms the warning; the next hold crosses again.
        catalog.send(first.toString(), "OrderCancelled", "{\"orderId\":\"" + first + "\",\"reason\":\"BUYER\"}");
        assertThat(Funds.types(Funds.events(first.toString(), 2))).containsExactly("PaymentHeld", "HoldReleased");
        UUID third = UUID.randomUUID();
        catalog.send(third.toString(), "OrderPlaced", order(third, buyer, "3000"));    // 9,000 → 6,000: crosses again
        assertThat(Funds.types(Funds.privateEvents(account, 3))).containsExactly("FundsDeposited", "BalanceLow", "BalanceLow");

        // A capture opens the seller's account and moves nothing of the buyer's available balance: no new warning.
        catalog.send(second.toString(), "LicenceGranted", "{\"orderId\":\"" + second + "\",\"sellerId\":\""
                + TestTokens.subjectOf(seller) + "\",\"amount\":\"1000\"}");
        assertThat(Funds.types(Funds.events(second.toString(), 2))).containsExactly("PaymentHeld", "PaymentCaptured");
        assertThat(Funds.available(seller)).isEqualTo(BigInteger.valueOf(975));
        assertThat(Funds.types(Funds.privateEvents(account, 3))).as("the buyer's balance did not move").hasSize(3);
        Funds.assertInvariants();
    }

    static String order(UUID order, String buyer, String amount) {
        return order(order, buyer, "s", amount);
    }

    static String order(UUID order, String buyer, String seller, String amount) {
        return "{\"orderId\":\"" + order + "\",\"buyerId\":\"" + TestTokens.subjectOf(buyer) + "\",\"sellerId\":\""
                + TestTokens.subjectOf(seller) + "\",\"amount\":\"" + amount + "\"}";
    }
}
