package ai.marketplace.system;

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

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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

import ai.marketplace.localstack.LocalStackMain;
import ai.marketplace.testsupport.TopicReader;
import ai.marketplace.testsupport.host.RepoRoot;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * The one running marketplace the system tests share (starting it, Keycloak included, takes a minute): the five
 * packaged services, PostgreSQL, a Kafka broker, the Hardhat chain with the service-deployed contracts, Keycloak
 * with the shipped realm and the gateway — started exactly as {@code deploy/local/up} starts them, on free ports,
 * once per test run, and stopped when the run ends. Test classes declare {@code @ExtendWith(SystemStack.class)}.
 * The helpers below act as an integrator does: through the gateway with password-grant tokens, and on the chain.
 */
public final class SystemStack implements BeforeAllCallback {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    private static LocalStackMain stack;
    /** Set when the stack runs the service images (the container suite). */
    static ContainerRunner containerRunner;
    static String gateway;
    static Web3j web3j;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SystemStack.class,
                k -> start(), Running.class);
    }

    /** Closed by JUnit when the whole run ends, whichever class started it. */
    record Running(LocalStackMain stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (web3j != null) {
                web3j.shutdown();
            }
            stack.stopAll();
        }
    }

    private static synchronized Running start() {
        Path repo = RepoRoot.get();
        Path keycloak = Path.of(System.getProperty("marketplace.keycloak.dist",
                repo.resolve("system-tests/target/keycloak/keycloak-quarkus-dist-26.7.3.zip").toString()));
        boolean containers = Boolean.getBoolean("marketplace.system.containers");
        Path home = repo.resolve(containers ? "system-tests/target/container-stack" : "system-tests/target/stack");
        if (containers) {
            Map<String, DeploymentSpec> specs = new HashMap<>();
            LocalStackMain.SERVICES.forEach(s -> specs.put(s, DeploymentSpec.read(repo, s)));
            int replicas = specs.values().stream().mapToInt(DeploymentSpec::replicas).max().orElse(1);
            containerRunner = new ContainerRunner(specs, home.resolve("logs"));
            try {
                java.nio.file.Files.createDirectories(home.resolve("logs"));
                // The process-based suite, which runs first, has unpacked and built the same Keycloak: reusing that
                // installation (--fresh still wipes its realm data) saves the minute Keycloak spends building itself.
                Path built = repo.resolve("system-tests/target/stack/keycloak");
                Path mine = home.resolve("keycloak");
                if (java.nio.file.Files.isRegularFile(built.resolve("bin/kc.sh"))
                        && !java.nio.file.Files.exists(mine, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    java.nio.file.Files.createSymbolicLink(mine, built);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            stack = LocalStackMain.startForTests(repo, home, keycloak, System.getProperty("java.class.path"), SCENARIO_SETTINGS,
                    containerRunner, replicas);
        } else {
            stack = LocalStackMain.startForTests(repo, home, keycloak, System.getProperty("java.class.path"), SCENARIO_SETTINGS);
        }
        gateway = "http://127.0.0.1:" + stack.gatewayPort();
        web3j = Web3j.build(new HttpService("http://127.0.0.1:" + stack.chainPort()));
        return new Running(stack);
    }

    /** Timers and limits that let the scenarios run in seconds rather than hours. */
    static final Map<String, String> SCENARIO_SETTINGS = Map.ofEntries(
                        Map.entry("MARKETPLACE_SETTLEMENT_ANCHORING_MAX_DELAY", "2s"),
                        Map.entry("MARKETPLACE_SETTLEMENT_ANCHORING_CHECK_INTERVAL", "1s"),
                        Map.entry("MARKETPLACE_SETTLEMENT_PAYOUTS_INTERVAL", "1s"),
                        Map.entry("MARKETPLACE_COMPUTE_TIMER_INTERVAL", "1s"),
                        // Deep enough that the chaos run's reorganisations (at most 3 blocks) never touch a final block.
                        Map.entry("MARKETPLACE_CHAIN_CONFIRMATIONS", "6"),
                        // Validators stake base units here, and rounds are decided as soon as the rules allow.
                        Map.entry("MARKETPLACE_REPUTATION_CONSENSUS_TOKEN_UNIT", "1"),
                        Map.entry("MARKETPLACE_REPUTATION_CONSENSUS_WINDOW", "0s"),
                        Map.entry("MARKETPLACE_REPUTATION_CONSENSUS_ROUND_CHECK_INTERVAL", "1s"),
                        // A provider's last meter reading after a lease ends is awaited this long before it settles.
                        Map.entry("MARKETPLACE_COMPUTE_FINAL_READING_WINDOW", "2s"),
                        // Scenario drivers write fast as a handful of users; AuthorizationMatrixIT reaches this limit on purpose.
                        Map.entry("MARKETPLACE_HTTP_WRITE_RATE_LIMIT_BURST", "400"),
                        Map.entry("MARKETPLACE_HTTP_WRITE_RATE_LIMIT_PER_MINUTE", "600"),
                        // Webhook retries within seconds (production: from 5 s up to an hour).
                        Map.entry("MARKETPLACE_PARTNER_DELIVERY_FIRST_RETRY", "500ms"),
                        Map.entry("MARKETPLACE_PARTNER_DELIVERY_LONGEST_RETRY", "5s"));

    static LocalStackMain stack() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SystemStack.class)");
        }
        return stack;
    }

    static String token(String user) {
        String url = "http://127.0.0.1:" + stack().keycloakPort() + "/realms/marketplace/protocol/openid-connect/token";
        return given().formParam("grant_type", "password").formParam("client_id", "marketplace-web")
                .formParam("username", user).formParam("password", user + "-pass").post(url).then().statusCode(200)
                .extract().path("access_token");
    }

    /** The realm's partner client (client credentials), as a partner system signs in. */
    static String partnerToken() {
        return partnerToken("marketplace-partner", "partner-local-secret");
    }

    static String partnerToken(String client, String clientSecret) {
        String url = "http://127.0.0.1:" + stack().keycloakPort() + "/realms/marketplace/protocol/openid-connect/token";
        return given().formParam("grant_type", "client_credentials").formParam("client_id", client)
                .formParam("client_secret", clientSecret).post(url).then().statusCode(200).extract().path("access_token");
    }

    /** A partner's registered webhook endpoint and the secret it signs with. */
    record Webhook(String id, String secret) {
    }

    /**
     * Registers a webhook endpoint of the realm's partner client at {@code url} for {@code types}, after operator1
     * added them to the partner's grants.
     */
    static Webhook webhook(String url, List<String> types) {
        String partner = partnerToken();
        JsonPath mine = get(partner, "/v1/partners/me/grants");
        String partnerId = mine.getString("partnerId");
        java.util.Set<String> granted = new java.util.TreeSet<>(mine.getList("eventTypes", String.class));
        granted.addAll(types);
        given().auth().oauth2(token("operator1")).contentType(ContentType.JSON).body(Map.of("eventTypes", List.copyOf(granted)))
                .put(gateway + "/v1/partners/" + partnerId + "/grants").then().statusCode(200);
        JsonPath created = given().auth().oauth2(partner).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", types, "description", "system tests"))
                .post(gateway + "/v1/webhooks/endpoints").then().statusCode(201).extract().jsonPath();
        return new Webhook(created.getString("endpoint.id"), created.getString("secret"));
    }

    /** The raw records on a topic for one key, in the order the topic holds them. */
    static List<byte[]> records(String topic, String key, int atLeast) {
        return TopicReader.byKey(stack().kafkaBootstrap(), topic, key, atLeast, PATIENCE).stream().map(r -> r.value()).toList();
    }

    static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonObject(payload).getString("sub");
    }

    static JsonPath get(String token, String path) {
        return given().auth().oauth2(token).get(gateway + path).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath post(String token, String path, String body, int status) {
        var req = given().auth().oauth2(token);
        if (body != null) {
            req = req.contentType(ContentType.JSON).body(body);
        }
        return req.post(gateway + path).then().statusCode(status).extract().jsonPath();
    }

    /**
     * The generated Java client ({@code clients/java}) signed in as {@code token}'s user, against the gateway: the
     * purchase and rental scenarios go through it as an integrator's code would.
     */
    static ai.marketplace.client.ApiClient client(String token) {
        return ai.marketplace.client.support.Marketplace.client(gateway, () -> token);
    }

    /** A call through the generated client; a refusal fails the test with its status and problem body. */
    interface Call<T> {
        T call() throws ai.marketplace.client.ApiException;
    }

    static <T> T api(Call<T> call) {
        try {
            return call.call();
        } catch (ai.marketplace.client.ApiException e) {
            throw new AssertionError("HTTP " + e.getCode() + ": " + e.getResponseBody(), e);
        }
    }

    static BigInteger available(String token) {
        return new BigInteger(api(() -> new ai.marketplace.client.api.AccountsApi(client(token)).getMyAccount()).getAvailable());
    }

    static String offer(String provider, int gpus) {
        var request = new ai.marketplace.client.model.OfferRequest().region("eu-west")
                .gpuModel("SYS-" + UUID.randomUUID().toString().substring(0, 6)).vramGb(80).gpuCount(gpus).cpuCores(32).ramGb(256)
                .pricePerGpuHour("1000").minHours(1).maxHours(24);
        var created = api(() -> new ai.marketplace.client.api.OffersApi(client(provider)).publishOfferWithHttpInfo(request));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("ETag")).as("the offer's version, for If-Match").containsExactly("\"" + created.getData().getVersion() + "\"");
        return created.getData().getId().toString();
    }

    /** A published model with one published version and a one-time plan at {@code price}. */
    record Listing(String asset, String version, String plan) {
    }

    static Listing listModel(String provider, String name, java.math.BigInteger price) {
        var client = client(provider);
        var assets = new ai.marketplace.client.api.AssetsApi(client);
        var versions = new ai.marketplace.client.api.VersionsAndLineageApi(client);
        var asset = api(() -> assets.createAsset(new ai.marketplace.client.model.CreateAssetRequest()
                .kind(ai.marketplace.client.model.AssetKind.MODEL).name(name).licence("Apache-2.0").addTagsItem("system"))).getId();
        var version = api(() -> versions.addVersion(asset, new ai.marketplace.client.model.CreateVersionRequest().semver("1.0.0")
                .digest("ab".repeat(32)).sizeBytes(1024L).storageUri("s3://models/system").format("safetensors"))).getId();
        api(() -> versions.publishVersion(asset, version));
        var plan = api(() -> new ai.marketplace.client.api.PricingPlansApi(client).createPlan(asset,
                new ai.marketplace.client.model.CreatePlanRequest().type(ai.marketplace.client.model.PlanType.ONE_TIME)
                        .price(price.toString()))).getId();
        assertThat(api(() -> assets.publishAsset(asset)).getState()).hasToString("PUBLISHED");
        return new Listing(asset.toString(), version.toString(), plan.toString());
    }

    /**
     * Once the lease is active: moves its start an hour back (instead of waiting one), reports 4 GPU-hours of use as
     * the provider and ends it as the renter.
     */
    static void useFourGpuHoursAndEnd(String provider, String renter, String lease) throws Exception {
        UUID id = UUID.fromString(lease);
        var asRenter = new ai.marketplace.client.api.LeasesApi(client(renter));
        await().atMost(PATIENCE).until(() -> "ACTIVE".equals(api(() -> asRenter.getLease(id)).getState()));
        sql("compute", "update lease set activated_at = activated_at - interval '1 hour', ends_at = ends_at - interval '1 hour' where id = '" + lease + "'");
        api(() -> new ai.marketplace.client.api.LeasesApi(client(provider)).reportUsage(id,
                new ai.marketplace.client.model.UsageReport().usedGpuSeconds(14_400L))); // 4 GPUs × 1 hour
        assertThat(api(() -> asRenter.endLease(id)).getState()).isEqualTo("COMPLETED");
    }

    static String lease(String renter, String offer, int gpus, int hours) {
        var request = new ai.marketplace.client.model.LeaseRequest().offerId(UUID.fromString(offer)).gpus(gpus).hours(hours);
        String key = "lease-" + UUID.randomUUID();
        var leases = new ai.marketplace.client.api.LeasesApi(client(renter));
        var created = api(() -> leases.requestLeaseWithHttpInfo(request, key));
        assertThat(created.getStatusCode()).isEqualTo(201);
        // The same key again is answered with the same lease, marked as a replay: nothing more is reserved.
        var again = api(() -> leases.requestLeaseWithHttpInfo(request, key));
        assertThat(again.getData().getId()).isEqualTo(created.getData().getId());
        assertThat(again.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
        return created.getData().getId().toString();
    }

    /** A Hardhat dev account approves the treasury and deposits to the user's deposit reference; waits for the credit. */
    /**
     * Approve + {@code Treasury.deposit} from a Hardhat test account, then waits until settlement has credited that
     * very transaction, once, with its amount. (Not "the balance rose by the amount": sagas left by earlier tests
     * may still move the same user's balance meanwhile.)
     */
    static void deposit(String userToken, int hardhatAccount, BigInteger amount) throws Exception {
        await().atMost(PATIENCE).until(() -> get(userToken, "/v1/accounts/me").getString("treasury") != null);
        JsonPath account = get(userToken, "/v1/accounts/me");
        Credentials who = Credentials.create(HARDHAT_KEYS.get(hardhatAccount - 1));
        var tm = new RawTransactionManager(web3j, who, 1337);
        BigInteger gasPrice = BigInteger.valueOf(2_000_000_000L);
        var approve = tm.sendTransaction(gasPrice, BigInteger.valueOf(200_000), account.getString("token"), FunctionEncoder.encode(new Function("approve",
                List.of(new Address(account.getString("treasury")), new Uint256(amount)), List.of())), BigInteger.ZERO);
        assertThat(approve.hasError()).as("approve: %s", approve.getError() == null ? "" : approve.getError().getMessage()).isFalse();
        awaitNonce(who);
        var deposit = tm.sendTransaction(gasPrice, BigInteger.valueOf(200_000), account.getString("treasury"), FunctionEncoder.encode(new Function("deposit",
                List.of(new Bytes32(Numeric.hexStringToByteArray(account.getString("depositRef"))), new Uint256(amount)), List.of())), BigInteger.ZERO);
        assertThat(deposit.hasError()).as("deposit: %s", deposit.getError() == null ? "" : deposit.getError().getMessage()).isFalse();
        String tx = deposit.getTransactionHash().toLowerCase(java.util.Locale.ROOT);
        await().atMost(PATIENCE).until(() -> !credited(userToken, tx).isEmpty());
        assertThat(credited(userToken, tx)).as("deposit %s credited once, with its amount", tx).containsExactly(amount.toString());
    }

    /** The amounts credited to the user for the deposit transaction {@code tx} (newest 100 deposits). */
    static List<String> credited(String userToken, String tx) {
        List<Map<String, Object>> items = get(userToken, "/v1/accounts/me/deposits?limit=100").getList("items");
        return items.stream().filter(d -> tx.equalsIgnoreCase(String.valueOf(d.get("txHash")))).map(d -> String.valueOf(d.get("amount"))).toList();
    }

    static void awaitNonce(Credentials who) {
        await().atMost(PATIENCE).until(() -> web3j.ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount().equals(web3j.ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                        .getTransactionCount()));
    }

    static final List<String> HARDHAT_KEYS = List.of(
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

    static void assertLedgerSound() {
        String operator = token("operator1");
        await().atMost(PATIENCE).untilAsserted(() -> {
            given().auth().oauth2(operator).get(gateway + "/v1/ledger/invariants").then().statusCode(200).body("ok", equalTo(true));
            given().auth().oauth2(operator).get(gateway + "/v1/ledger/reconciliation").then().statusCode(200).body("balanced", equalTo(true));
        });
    }

    static List<JsonObject> events(String topic, String key, int atLeast) {
        return TopicReader.byKey(stack().kafkaBootstrap(), topic, key, atLeast, PATIENCE).stream()
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    /** Event types on a topic for one key, in the order the topic holds them. */
    static List<String> types(String topic, String key, int atLeast) {
        List<String> out = new ArrayList<>();
        for (var r : TopicReader.byKey(stack().kafkaBootstrap(), topic, key, atLeast, PATIENCE)) {
            out.add(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getString("type")
                    .replaceAll("^ai\\.marketplace\\.\\w+\\.(\\w+)\\.v1$", "$1"));
        }
        return out;
    }

    static void sql(String database, String statement) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack().pgPort() + "/" + database, "postgres", "postgres");
                var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** Proves an address by EIP-191 signature and links it to the user's account; returns the address's key. */
    static Credentials linkNewAddress(String token) {
        Credentials key;
        try {
            key = Credentials.create(Keys.createEcKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        post(token, "/v1/accounts/me/address", signedLinkBody(token, key), 200);
        return key;
    }

    /** Asks for a challenge as the token's user and answers it with {@code key}'s signature: the link request body. */
    static String signedLinkBody(String token, Credentials key) {
        JsonPath challenge = post(token, "/v1/accounts/me/address-challenges", null, 200);
        Sign.SignatureData sig = Sign.signPrefixedMessage(challenge.getString("message").getBytes(StandardCharsets.UTF_8), key.getEcKeyPair());
        byte[] raw = new byte[65];
        System.arraycopy(sig.getR(), 0, raw, 0, 32);
        System.arraycopy(sig.getS(), 0, raw, 32, 32);
        raw[64] = sig.getV()[0];
        return "{\"challengeId\":\"" + challenge.getString("challengeId") + "\",\"address\":\"" + key.getAddress()
                + "\",\"signature\":\"" + Numeric.toHexString(raw) + "\"}";
    }
}
