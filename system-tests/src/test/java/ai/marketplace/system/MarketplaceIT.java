package ai.marketplace.system;

import static ai.marketplace.system.SystemStack.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

import ai.marketplace.client.ApiException;
import ai.marketplace.client.api.AccountsApi;
import ai.marketplace.client.api.LedgerApi;
import ai.marketplace.client.api.OrdersAndLicencesApi;
import ai.marketplace.client.model.PlaceOrderRequest;
import ai.marketplace.client.support.Marketplace;
import ai.marketplace.localstack.LocalStackMain;
import ai.marketplace.testsupport.TopicReader;
import ai.marketplace.testsupport.webhooks.WebhookReceiver;
import ai.marketplace.testsupport.host.RepoRoot;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * The marketplace as one system, driven as an integrator drives it: the four packaged services, PostgreSQL, a
 * Kafka broker, the Hardhat chain with the service-deployed contracts, Keycloak with the shipped realm (tokens
 * by password grant) and the gateway — all started exactly as {@code deploy/local/up} starts them. Every call
 * goes through the gateway or the chain. Time-dependent steps (an hour of usage, a silent node) move the lease's
 * or offer's timestamps back in compute's database instead of waiting. At the end every event on every topic is
 * validated against its JSON Schema ({@link EventContracts}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SystemStack.class)
@org.junit.jupiter.api.Order(1)
class MarketplaceIT {

    static final BigInteger PRICE = BigInteger.valueOf(5_000_000);
    static final Map<String, String> state = new HashMap<>();

    @Test
    @Order(1)
    void purchaseWithOnChainFundsPaysTheSellerAndTheCaptureIsProvableOnChain() throws Exception {
        String provider = token("provider1");
        String buyer = token("buyer1");
        String name = "System model " + UUID.randomUUID();
        Listing listing = listModel(provider, name, PRICE);
        String asset = listing.asset();
        String version = listing.version();
        String plan = listing.plan();
        state.put("asset", asset);
        state.put("version", version);
        state.put("assetName", name);

        // A partner follows the sale by webhook as well: its endpoint must receive exactly what Kafka carries.
        WebhookReceiver receiver = new WebhookReceiver();
        List<String> followed = List.of("ai.marketplace.catalog.OrderPlaced.v1", "ai.marketplace.catalog.LicenceGranted.v1",
                "ai.marketplace.settlement.PaymentHeld.v1", "ai.marketplace.settlement.PaymentCaptured.v1");
        Webhook hook = webhook(receiver.url("/sales"), followed);

        deposit(buyer, 1, BigInteger.valueOf(20_000_000));
        var orders = new OrdersAndLicencesApi(client(buyer));
        var placed = api(() -> orders.placeOrderWithHttpInfo(new PlaceOrderRequest().assetId(UUID.fromString(asset))
                .planId(UUID.fromString(plan)), "sys-order-1"));
        assertThat(placed.getStatusCode()).isEqualTo(201);
        assertThat(placed.getData().getState()).isEqualTo("PENDING_PAYMENT");
        assertThat(placed.getData().getAmount()).as("the plan's price, a decimal string of base units").isEqualTo(PRICE.toString());
        String order = placed.getData().getId().toString();
        state.put("order", order);
        await().atMost(PATIENCE).until(() -> "FULFILLED".equals(api(() -> orders.getOrder(UUID.fromString(order))).getState()));
        // Buying one's own listing is refused with a problem the client can switch on, and changes nothing.
        var own = new OrdersAndLicencesApi(client(provider));
        ApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class, () -> own.placeOrder(
                new PlaceOrderRequest().assetId(UUID.fromString(asset)).planId(UUID.fromString(plan)), null));
        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(Marketplace.problem(refused)).hasValueSatisfying(p -> assertThat(p.getType()).startsWith(Marketplace.PROBLEM_TYPE_PREFIX));
        await().atMost(PATIENCE).until(() -> available(provider).equals(BigInteger.valueOf(4_875_000)));
        assertThat(available(buyer)).isEqualTo(BigInteger.valueOf(15_000_000));
        assertThat(types("marketplace.catalog.v1", order, 2)).containsSubsequence("OrderPlaced", "LicenceGranted");
        assertThat(types("marketplace.settlement.v1", order, 2)).containsExactly("PaymentHeld", "PaymentCaptured");
        JsonObject captured = events("marketplace.settlement.v1", order, 2).get(1).getJsonObject("data");
        assertThat(captured.getString("payeeAmount")).isEqualTo("4875000");
        assertThat(captured.getString("fee")).as("2.5 % platform fee booked").isEqualTo("125000");

        List<byte[]> onKafka = new ArrayList<>();
        for (String topic : List.of("marketplace.catalog.v1", "marketplace.settlement.v1")) {
            for (byte[] record : records(topic, order, 2)) {
                if (followed.contains(new JsonObject(new String(record, StandardCharsets.UTF_8)).getString("type"))) {
                    onKafka.add(record);
                }
            }
        }
        assertThat(onKafka).hasSize(4);
        await().atMost(PATIENCE).until(() -> receiver.at("/sales").stream().map(WebhookReceiver.Received::id).distinct().count() >= 4);
        for (byte[] record : onKafka) {
            String id = new JsonObject(new String(record, StandardCharsets.UTF_8)).getString("id");
            List<WebhookReceiver.Received> got = receiver.at("/sales").stream().filter(r -> id.equals(r.id())).toList();
            assertThat(got).as("webhook deliveries of event %s", id).isNotEmpty().allSatisfy(r -> {
                assertThat(r.body()).as("the webhook body is the Kafka record, byte for byte").isEqualTo(record);
                assertThat(r.signedWith(hook.secret())).as("signed with the endpoint's secret").isTrue();
            });
        }
        // Per aggregate, in commit order: the hold before the capture, the order before its licence.
        List<String> arrived = receiver.at("/sales").stream().map(r -> r.json().path("type").asText()).distinct().toList();
        assertThat(arrived).containsSubsequence("ai.marketplace.catalog.OrderPlaced.v1", "ai.marketplace.catalog.LicenceGranted.v1");
        assertThat(arrived).containsSubsequence("ai.marketplace.settlement.PaymentHeld.v1", "ai.marketplace.settlement.PaymentCaptured.v1");
        given().auth().oauth2(partnerToken()).delete(gateway + "/v1/webhooks/endpoints/" + hook.id()).then().statusCode(204);
        receiver.close();

        var statement = api(() -> new AccountsApi(client(provider)).listTransfers(null, 10)).getItems();
        assertThat(statement.get(0).getKind()).isEqualTo("CAPTURE");
        assertThat(statement.get(0).getAmount()).isEqualTo("4875000");
        UUID capture = statement.get(0).getTransferId();
        var ledger = new LedgerApi(client(provider));
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(AssertionError.class).until(() -> api(() -> ledger.getTransferProof(capture)) != null);
        JsonPath proof = get(provider, "/v1/ledger/transfers/" + capture + "/proof");
        assertThat(api(() -> ledger.getTransferProof(capture)).getRoot()).as("the client reads the same proof").isEqualTo(proof.getString("root"));
        // The contract hashes the transfer's fields itself: no caller can present an inner node as a leaf.
        var fields = new org.web3j.abi.datatypes.DynamicStruct(new org.web3j.abi.datatypes.generated.Uint64(proof.getLong("seq")),
                new org.web3j.abi.datatypes.generated.Bytes16(uuid16(proof.getString("transferId"))),
                new org.web3j.abi.datatypes.generated.Bytes16(uuid16(proof.getString("debitAccount"))),
                new org.web3j.abi.datatypes.generated.Bytes16(uuid16(proof.getString("creditAccount"))),
                new Uint256(new BigInteger(proof.getString("amount"))),
                new org.web3j.abi.datatypes.Utf8String(proof.getString("kind")),
                new org.web3j.abi.datatypes.Utf8String(proof.getString("correlationId")));
        String call = FunctionEncoder.encode(new Function("verifyTransfer", List.of(new Uint256(proof.getLong("anchorIndex")),
                fields,
                new DynamicArray<>(Bytes32.class, proof.getList("proof", String.class).stream()
                        .map(p -> new Bytes32(Numeric.hexStringToByteArray(p))).toList())), List.of()));
        String result = web3j.ethCall(Transaction.createEthCallTransaction(null, proof.getString("treasury"), call),
                DefaultBlockParameterName.LATEST).send().getValue();
        assertThat(Numeric.toBigInt(result)).as("Treasury.verifyTransfer says the capture is in the anchored root").isEqualTo(BigInteger.ONE);
        assertLedgerSound();
    }

    @Test
    @Order(2)
    void anOrderWithoutFundsIsCancelledAndNothingIsHeld() {
        String buyer = token("buyer2");
        assertThat(get(buyer, "/v1/accounts/me").getString("available")).isEqualTo("0"); // an account, but empty
        String plan = given().get(gateway + "/v1/assets/" + state.get("asset") + "/plans").then().extract().path("[0].id");
        String order = given().auth().oauth2(buyer).contentType(ContentType.JSON)
                .body("{\"assetId\":\"" + state.get("asset") + "\",\"planId\":\"" + plan + "\"}").post(gateway + "/v1/orders").then()
                .statusCode(201).extract().path("id");
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(get(buyer, "/v1/orders/" + order).getString("state")));
        assertThat(get(buyer, "/v1/orders/" + order).getString("cancelReason")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(get(buyer, "/v1/accounts/me").getString("held")).isEqualTo("0");
        assertThat(types("marketplace.settlement.v1", order, 1)).containsExactly("PaymentFailed");
    }

    @Test
    @Order(3)
    void aRenterEndingEarlyPaysForTheHourUsedAndGetsTheRestBack() throws Exception {
        String provider = token("provider2");
        String renter = token("buyer1");
        String offer = offer(provider, 8);
        BigInteger before = available(renter);
        String lease = lease(renter, offer, 4, 3);
        useFourGpuHoursAndEnd(provider, renter, lease);
        // 4 GPU-hours at 1000 = 4000 for the provider (minus 2.5 %), 12000 − 4000 back to the renter.
        await().atMost(PATIENCE).until(() -> available(provider).equals(BigInteger.valueOf(3_900)));
        await().atMost(PATIENCE).until(() -> available(renter).equals(before.subtract(BigInteger.valueOf(4_000))));
        assertThat(types("marketplace.compute.v1", lease, 4)).containsExactly("LeaseRequested", "LeaseActivated", "UsageReported", "LeaseEnded");
        assertThat(types("marketplace.settlement.v1", lease, 3)).containsExactly("PaymentHeld", "PaymentCaptured", "HoldReleased");
        state.put("offer", offer);
        assertLedgerSound();
    }

    @Test
    @Order(4)
    void aSilentProviderFailsItsLeaseRefundsTheRenterAndRanksLower() throws Exception {
        String provider = token("provider2");
        String renter = token("buyer1");
        String providerId = subject(provider);
        await().atMost(PATIENCE).until(() -> given().get(gateway + "/v1/reputation/scores/provider/" + providerId).statusCode() == 200);
        double scoreBefore = given().get(gateway + "/v1/reputation/scores/provider/" + providerId).then().extract().jsonPath().getDouble("score");
        String offer = offer(provider, 8);
        String rankBefore = get(provider, "/v1/offers/" + offer).getString("rankPrice");
        BigInteger before = available(renter);
        String lease = lease(renter, offer, 2, 2);
        await().atMost(PATIENCE).until(() -> "ACTIVE".equals(get(renter, "/v1/leases/" + lease).getString("state")));
        sql("compute", "update offer set last_heartbeat_at = now() - interval '1 hour' where provider_id = '" + providerId + "'");
        await().atMost(PATIENCE).until(() -> "FAILED".equals(get(renter, "/v1/leases/" + lease).getString("state")));
        assertThat(get(renter, "/v1/leases/" + lease).getString("terminationReason")).isEqualTo("PROVIDER_UNRESPONSIVE");
        await().atMost(PATIENCE).until(() -> available(renter).equals(before));
        await().atMost(PATIENCE).until(() -> given().get(gateway + "/v1/reputation/scores/provider/" + providerId).then().extract()
                .jsonPath().getInt("components.leasesUnresponsive") == 1);
        double scoreAfter = given().get(gateway + "/v1/reputation/scores/provider/" + providerId).then().extract().jsonPath().getDouble("score");
        assertThat(scoreAfter).isLessThan(scoreBefore);
        await().atMost(PATIENCE).until(() -> new java.math.BigDecimal(get(provider, "/v1/offers/" + offer).getString("rankPrice"))
                .compareTo(new java.math.BigDecimal(rankBefore)) > 0);
        assertLedgerSound();
    }

    @Test
    @Order(5)
    void aLicenceHolderReviewsAndStakedValidatorsVerifyTheAssetInSearch() throws Exception {
        String buyer = token("buyer1");
        post(buyer, "/v1/reviews", "{\"basisType\":\"ORDER\",\"basisId\":\"" + state.get("order") + "\",\"rating\":5,\"text\":\"works\"}", 201);
        // The review's score reaches catalog's search first (unverified)…
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("q", state.get("assetName")).get(gateway + "/v1/search").then()
                .statusCode(200).body("items[0].score", org.hamcrest.Matchers.notNullValue()));
        double unverified = given().queryParam("q", state.get("assetName")).get(gateway + "/v1/search").then().extract().jsonPath()
                .getDouble("items[0].score");
        String[] validators = { "validator1", "validator2", "validator3" };
        String[] stakes = new String[validators.length];
        for (int i = 0; i < validators.length; i++) {
            String v = token(validators[i]);
            deposit(v, 2 + i, BigInteger.valueOf(5_000));
            stakes[i] = given().auth().oauth2(v).header("Idempotency-Key", "stake-" + i).contentType(ContentType.JSON)
                    .body("{\"amount\":\"1000\"}").post(gateway + "/v1/stakes").then().statusCode(201).extract().path("correlationId");
        }
        await().atMost(PATIENCE).until(() -> given().get(gateway + "/v1/validators").then().extract().jsonPath().getList("$").size() >= 3);
        String outcome = null;
        for (int i = 0; i < validators.length; i++) {
            // validator3 claims the artifact does not match: outvoted, and slashed.
            outcome = post(token(validators[i]), "/v1/attestations", "{\"versionId\":\"" + state.get("version")
                    + "\",\"digestMatches\":" + (i < 2) + ",\"metricName\":\"accuracy\",\"metricValue\":0.87}", 200)
                    .getString("outcome");
        }
        assertThat(outcome).isEqualTo("VERIFIED");
        // Reputation's penalty reaches settlement, which moves a tenth of the stake to insurance and says so.
        assertThat(types("marketplace.settlement.v1", stakes[2], 2)).containsExactly("StakeLocked", "StakeSlashed");
        assertThat(events("marketplace.settlement.v1", stakes[2], 2).get(1).getJsonObject("data").getString("amount")).isEqualTo("100");
        await().atMost(PATIENCE).until(() -> given().get(gateway + "/v1/validators").then().extract().jsonPath()
                .getString("find { it.validatorId == '" + subject(token("validator3")) + "' }.stake").equals("900"));
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("q", state.get("assetName")).get(gateway + "/v1/search").then()
                .statusCode(200).body("items[0].id", equalTo(state.get("asset"))).body("items[0].verified", equalTo(true)));
        // …and verification raises it (asset score = 0.85 × rating + 0.15 × verified).
        await().atMost(PATIENCE).until(() -> given().queryParam("q", state.get("assetName")).get(gateway + "/v1/search").then()
                .extract().jsonPath().getDouble("items[0].score") > unverified);
    }

    @Test
    @Order(6)
    void aProviderWithdrawsEarningsAndLedgerReconciliationAndChainAgree() throws Exception {
        String provider = token("provider1");
        Credentials key = linkNewAddress(provider);
        String w = given().auth().oauth2(provider).header("Idempotency-Key", "sys-withdraw").contentType(ContentType.JSON)
                .body("{\"amount\":\"1000000\"}").post(gateway + "/v1/withdrawals").then().statusCode(201).extract().path("id");
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(get(provider, "/v1/withdrawals/" + w).getString("state")));
        String token = get(provider, "/v1/accounts/me").getString("token");
        String balance = web3j.ethCall(Transaction.createEthCallTransaction(null, token, FunctionEncoder.encode(new Function("balanceOf",
                List.of(new Address(key.getAddress())), List.of()))), DefaultBlockParameterName.LATEST).send().getValue();
        assertThat(Numeric.toBigInt(balance)).isEqualTo(BigInteger.valueOf(1_000_000));
        assertThat(types("marketplace.settlement.private.v1", w, 1)).containsExactly("WithdrawalCompleted");
        assertLedgerSound();
    }

    @Test
    @Order(7)
    void everyEventOnEveryTopicMatchesItsPublishedSchema() {
        EventContracts.Report report = EventContracts.validateAll(RepoRoot.get(), stack().kafkaBootstrap());
        assertThat(report.violations()).as("events not matching their schema, or without one").isEmpty();
        assertThat(report.validated()).as("events validated").isGreaterThan(30);
        System.out.println("Event contracts: " + report.validated() + " events validated against " + report.schemas() + " schemas");
    }


    static byte[] uuid16(String id) {
        UUID u = UUID.fromString(id);
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}
