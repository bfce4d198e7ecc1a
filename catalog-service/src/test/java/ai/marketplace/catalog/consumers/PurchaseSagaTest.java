package ai.marketplace.catalog.consumers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** The catalog side of the purchase saga on real Kafka, with settlement's answers fed into its topic. */
@QuarkusTest
class PurchaseSagaTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void heldPaymentGrantsExactlyOneLicenceWhateverIsRedelivered() throws Exception {
        String seller = "sam-" + UUID.randomUUID();
        String buyer = "tia-" + UUID.randomUUID();
        String[] asset = Catalog.published(seller, "bought model");
        String plan = given().get("/v1/assets/" + asset[0] + "/plans").then().extract().path("[0].id");
        String body = "{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\"}";
        String key = UUID.randomUUID().toString();

        String order = given().auth().oauth2(TestTokens.buyer(buyer)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/v1/orders").then().statusCode(201)
                .body("state", equalTo("PENDING_PAYMENT")).body("amount", equalTo("5000000"))
                .body("sellerId", equalTo(TestTokens.subjectOf(seller))).extract().path("id");
        // The same request again: the same order, nothing new.
        given().auth().oauth2(TestTokens.buyer(buyer)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/v1/orders").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(order));
        given().auth().oauth2(TestTokens.buyer(buyer)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body.replace("}", ",\"units\":1}")).post("/v1/orders").then().statusCode(422)
                .body("type", equalTo("urn:ai-marketplace:problem:idempotency-key-reused"));
        assertThat(count("select count(*) from customer_order where buyer_id = '" + TestTokens.subjectOf(buyer) + "'"))
                .isEqualTo(1);

        JsonObject placed = only(order, "OrderPlaced");
        assertThat(placed.getJsonObject("data").getString("amount")).isEqualTo("5000000");
        assertThat(placed.getJsonObject("data").getString("buyerId")).isEqualTo(TestTokens.subjectOf(buyer));

        String held = "{\"holdId\":\"" + UUID.randomUUID() + "\",\"correlationType\":\"ORDER\",\"correlationId\":\"" + order
                + "\",\"payerId\":\"" + TestTokens.subjectOf(buyer) + "\",\"amount\":\"5000000\"}";
        UUID eventId = UUID.randomUUID();
        UUID secondCopy = UUID.randomUUID();
        try (var feed = settlement()) {
            feed.send(order, eventId, "PaymentHeld", held); // the same event twice (redelivery)…
            feed.send(order, eventId, "PaymentHeld", held);
            feed.send(order, secondCopy, "PaymentHeld", held); // …and a copy under a new id
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/orders/" + order)
                .then().statusCode(200).body("state", equalTo("FULFILLED")));
        // Barrier: every copy has been processed before counting licences.
        await().atMost(PATIENCE).until(() -> count("select count(*) from inbox where consumer = 'catalog.payments' and event_id in ('"
                + eventId + "', '" + secondCopy + "')") == 2);
        assertThat(count("select count(*) from licence where order_id = '" + order + "'")).isEqualTo(1);
        JsonObject granted = only(order, "LicenceGranted");
        assertThat(granted.getJsonObject("data").getString("sellerId")).isEqualTo(TestTokens.subjectOf(seller));

        var licence = given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/licences").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].orderId", equalTo(order)).body("items[0].status", equalTo("VALID"))
                .body("items[0].accessKey", startsWith("lk_")).extract();
        String accessKey = licence.path("items[0].accessKey");

        // The seller's delivery endpoint checks the key; nobody else learns anything from it.
        given().auth().oauth2(TestTokens.provider(seller)).contentType(ContentType.JSON)
                .body("{\"accessKey\":\"" + accessKey + "\"}").post("/v1/licences/verify").then().statusCode(200)
                .body("status", equalTo("VALID")).body("assetId", equalTo(asset[0])).body("$", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("holderId")));
        given().auth().oauth2(TestTokens.provider("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"accessKey\":\"" + accessKey + "\"}").post("/v1/licences/verify").then().statusCode(200)
                .body("status", equalTo("UNKNOWN")).body("licenceId", equalTo(null));
        given().auth().oauth2(TestTokens.provider(seller)).contentType(ContentType.JSON)
                .body("{\"accessKey\":\"" + accessKey.substring(0, accessKey.length() - 2) + "xx\"}")
                .post("/v1/licences/verify").then().statusCode(200).body("status", equalTo("UNKNOWN"));
        given().auth().oauth2(TestTokens.buyer(buyer)).contentType(ContentType.JSON)
                .body("{\"accessKey\":\"" + accessKey + "\"}").post("/v1/licences/verify").then().statusCode(403);
        // Orders and licences are private.
        given().auth().oauth2(TestTokens.buyer("snoop")).get("/v1/orders/" + order).then().statusCode(404);
        given().auth().oauth2(TestTokens.provider(seller)).get("/v1/orders/" + order).then().statusCode(200);
        given().auth().oauth2(TestTokens.buyer("snoop")).get("/v1/licences/" + licence.path("items[0].id")).then().statusCode(404);

        // An operator revokes it: the key stops verifying at once.
        given().auth().oauth2(TestTokens.operator("ops")).contentType(ContentType.JSON).body("{\"reason\":\"chargeback fraud\"}")
                .post("/v1/licences/" + licence.path("items[0].id") + "/revoke").then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        given().auth().oauth2(TestTokens.provider(seller)).contentType(ContentType.JSON)
                .body("{\"accessKey\":\"" + accessKey + "\"}").post("/v1/licences/verify").then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        given().auth().oauth2(TestTokens.operator("ops")).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post("/v1/licences/" + licence.path("items[0].id") + "/revoke").then().statusCode(409);
        assertThat(only(order, "LicenceRevoked").getJsonObject("data").getString("reason")).isEqualTo("chargeback fraud");
    }

    @jakarta.inject.Inject
    ai.marketplace.catalog.service.OrderService orderService;

    @Test
    void theBuyerCancelsAPendingOrderAndAnOrderWithoutAPaymentAnswerExpires() throws Throwable {
        String seller = "xen-" + UUID.randomUUID();
        String buyer = "yul-" + UUID.randomUUID();
        String[] asset = Catalog.published(seller, "waited for");
        String plan = given().get("/v1/assets/" + asset[0] + "/plans").then().extract().path("[0].id");
        String body = "{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\"}";
        String cancelled = given().auth().oauth2(TestTokens.buyer(buyer)).contentType(ContentType.JSON).body(body)
                .post("/v1/orders").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.buyer(seller)).post("/v1/orders/" + cancelled + "/cancel").then().statusCode(403);
        given().auth().oauth2(TestTokens.buyer("zed-" + UUID.randomUUID())).post("/v1/orders/" + cancelled + "/cancel").then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.buyer(buyer)).post("/v1/orders/" + cancelled + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("cancelReason", equalTo("BUYER"));
        given().auth().oauth2(TestTokens.buyer(buyer)).post("/v1/orders/" + cancelled + "/cancel").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:ai-marketplace:problem:order-not-pending"));
        assertThat(only(cancelled, "OrderCancelled").getJsonObject("data").getString("reason")).isEqualTo("BUYER");

        String stalled = given().auth().oauth2(TestTokens.buyer(buyer)).contentType(ContentType.JSON).body(body)
                .post("/v1/orders").then().statusCode(201).extract().path("id");
        // Placed an hour ago as far as the expiry pass can tell; nothing else is that old and still waiting.
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute("update customer_order set created_at = now() - interval '1 hour' where id = '" + stalled + "'");
        }
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
                () -> orderService.expireUnanswered(OffsetDateTime.now(ZoneOffset.UTC)))).isPositive();
        given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/orders/" + stalled).then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("cancelReason", equalTo("EXPIRED"));
        assertThat(only(stalled, "OrderCancelled").getJsonObject("data").getString("reason")).isEqualTo("EXPIRED");
    }

    @Test
    void failedPaymentCancelsTheOrderWithTheReason() throws Exception {
        String seller = "uri-" + UUID.randomUUID();
        String buyer = "val-" + UUID.randomUUID();
        String[] asset = Catalog.published(seller, "unaffordable");
        String plan = given().get("/v1/assets/" + asset[0] + "/plans").then().extract().path("[0].id");
        String order = given().auth().oauth2(TestTokens.buyer(buyer)).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then()
                .statusCode(201).extract().path("id");
        UUID lateHold = UUID.randomUUID();
        try (var feed = settlement()) {
            feed.send(order, UUID.randomUUID(), "PaymentFailed", "{\"correlationType\":\"ORDER\",\"correlationId\":\""
                    + order + "\",\"payerId\":\"" + TestTokens.subjectOf(buyer) + "\",\"reason\":\"INSUFFICIENT_FUNDS\"}");
            // A hold arriving after the failure changes nothing.
            feed.send(order, lateHold, "PaymentHeld", "{\"holdId\":\"" + UUID.randomUUID()
                    + "\",\"correlationType\":\"ORDER\",\"correlationId\":\"" + order + "\",\"amount\":\"5000000\"}");
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/orders/" + order)
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("cancelReason", equalTo("INSUFFICIENT_FUNDS")));
        // Barrier: the late hold has been processed (it is in the inbox) before we check that it changed nothing.
        await().atMost(PATIENCE).until(() -> count("select count(*) from inbox where consumer = 'catalog.payments' and event_id = '"
                + lateHold + "'") == 1);
        assertThat(only(order, "OrderCancelled").getJsonObject("data").getString("reason")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(count("select count(*) from licence where order_id = '" + order + "'")).isZero();
        given().auth().oauth2(TestTokens.buyer(buyer)).get("/v1/licences").then().body("items", hasSize(0));
    }

    @Test
    void orderingRules() {
        String seller = "wil-" + UUID.randomUUID();
        String buyer = "xia-" + UUID.randomUUID();
        String[] asset = Catalog.published(seller, "rules");
        String token = TestTokens.buyer(buyer);
        String plan = given().get("/v1/assets/" + asset[0] + "/plans").then().extract().path("[0].id");
        String draft = Catalog.draft(seller, "not for sale");

        given().auth().oauth2(TestTokens.token(seller, "buyer", "provider")).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then()
                .statusCode(403).body("detail", equalTo("You cannot buy your own asset"));
        given().auth().oauth2(TestTokens.provider(buyer)).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/v1/orders").then().statusCode(401);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + draft + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then().statusCode(400)
                .body("errors[0].field", equalTo("body.assetId"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + UUID.randomUUID() + "\"}").post("/v1/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("body.planId"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\",\"units\":3}").post("/v1/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("body.units"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"assetId\":\"" + asset[0] + "\"}")
                .post("/v1/orders").then().statusCode(400).body("errors[0].field", equalTo("body.planId"));
        given().auth().oauth2(token).header("Idempotency-Key", "has spaces").contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + plan + "\"}").post("/v1/orders").then()
                .statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));

        // Metered and subscription plans.
        String metered = given().auth().oauth2(Catalog.token(seller)).contentType(ContentType.JSON)
                .body("{\"type\":\"PAY_PER_USE\",\"price\":\"250\",\"unit\":\"request\"}").post("/v1/assets/" + asset[0] + "/plans")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + metered + "\",\"units\":4000}").post("/v1/orders")
                .then().statusCode(201).body("amount", equalTo("1000000")).body("units", equalTo(4000));
        // An archived plan cannot be bought.
        given().auth().oauth2(Catalog.token(seller)).post("/v1/assets/" + asset[0] + "/plans/" + metered + "/archive")
                .then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + asset[0] + "\",\"planId\":\"" + metered + "\",\"units\":1}").post("/v1/orders")
                .then().statusCode(409).body("type", equalTo("urn:ai-marketplace:problem:plan-not-active"));
        given().auth().oauth2(token).get("/v1/orders").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].planId", equalTo(metered));

        // The seller lists the sales of their assets; the buyer has none, and an unknown role is refused.
        given().auth().oauth2(Catalog.token(seller)).queryParam("role", "seller").get("/v1/orders").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].buyerId", equalTo(TestTokens.subjectOf(buyer)))
                .body("items[0].sellerId", equalTo(TestTokens.subjectOf(seller)));
        given().auth().oauth2(Catalog.token(seller)).get("/v1/orders").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(token).queryParam("role", "seller").get("/v1/orders").then().statusCode(200)
                .body("items", hasSize(0));
        given().auth().oauth2(token).queryParam("role", "boss").get("/v1/orders").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("role"));
    }

    // --- helpers ---

    static JsonObject only(String order, String event) {
        List<JsonObject> events = TopicReader.byKey(KafkaResource.bootstrapServers(), "marketplace.catalog.v1", order, 1,
                PATIENCE).stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                .filter(e -> e.getString("type").equals("ai.marketplace.catalog." + event + ".v1")).toList();
        assertThat(events.stream().map(e -> e.getString("id")).collect(Collectors.toSet())).as(event).hasSize(1);
        return events.get(0);
    }

    static EventFeed settlement() {
        return EventFeed.of(KafkaResource.bootstrapServers(), "settlement", "Hold");
    }

    static long count(String query) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
