package ai.marketplace.settlement.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import io.vertx.core.json.JsonObject;

/** Users' balances in the settlement API, funded by real deposits on the dev chain. */
public final class Funds {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Funds() {
    }

    public static JsonObject account(String user) {
        return new JsonObject(given().auth().oauth2(TestTokens.buyer(user)).get("/v1/accounts/me").then().statusCode(200)
                .extract().asString());
    }

    /** Waits until the contracts are resolved (deployed on the dev chain at start-up). */
    public static JsonObject contracts() {
        await().atMost(PATIENCE).until(() -> account("probe").getString("treasury") != null);
        return account("probe");
    }

    /** Deposits from a funded Hardhat account and waits for the credit (one extra block for the confirmations). */
    public static void fund(String user, long amount) throws Exception {
        JsonObject c = contracts();
        BigInteger before = available(user);
        DevChain.deposit(c.getString("token"), c.getString("treasury"), DevChain.funded(0), account(user).getString("depositRef"),
                BigInteger.valueOf(amount));
        DevChain.mine(1);
        await().atMost(PATIENCE).until(() -> available(user).equals(before.add(BigInteger.valueOf(amount))));
    }

    public static BigInteger available(String user) {
        return new BigInteger(account(user).getString("available"));
    }

    public static BigInteger held(String user) {
        return new BigInteger(account(user).getString("held"));
    }

    /** Settlement's events about one order or lease (or account), in order. */
    public static List<JsonObject> events(String key, int atLeast) {
        return events("marketplace.settlement.v1", key, atLeast);
    }

    /** The same from the topic partners are not granted: deposits, withdrawals and low balances. */
    public static List<JsonObject> privateEvents(String key, int atLeast) {
        return events("marketplace.settlement.private.v1", key, atLeast);
    }

    private static List<JsonObject> events(String topic, String key, int atLeast) {
        return TopicReader.byKey(KafkaResource.bootstrapServers(), topic, key, atLeast, PATIENCE)
                .stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    public static List<String> types(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("type").replaceAll("^ai\\.marketplace\\.settlement\\.(\\w+)\\.v1$", "$1"))
                .toList();
    }

    public static long sqlLong(String query) throws Exception {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String sqlHex(String query) throws Exception {
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static void sql(String statement) throws Exception {
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /**
     * Waits until the tracker has sent every signed transaction (it sends on its next tick), then mines one block so
     * they have the two confirmations the service waits for.
     */
    public static void confirmSentTransactions() throws Exception {
        await().atMost(PATIENCE).until(() -> sqlLong("select count(*) from chain_tx where state = 'SIGNED'") == 0);
        DevChain.mine(1);
    }

    /** {@code user} asks to withdraw {@code amount} base units to their linked address. */
    public static io.restassured.response.ValidatableResponse withdraw(String user, String idempotencyKey, String amount) {
        return given().auth().oauth2(TestTokens.buyer(user)).header("Idempotency-Key", idempotencyKey)
                .contentType(io.restassured.http.ContentType.JSON).body("{\"amount\":\"" + amount + "\"}").post("/v1/withdrawals")
                .then();
    }

    /** The ledger invariants as the operator sees them. */
    public static void assertInvariants() {
        given().auth().oauth2(TestTokens.operator("auditor")).get("/v1/ledger/invariants").then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(true)).body("sum", org.hamcrest.Matchers.equalTo("0"));
    }
}
