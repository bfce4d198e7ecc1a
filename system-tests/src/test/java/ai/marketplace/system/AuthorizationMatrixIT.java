package ai.marketplace.system;

import static ai.marketplace.system.SystemStack.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.testsupport.host.RepoRoot;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * {@code docs/authorization-matrix.md} run against the running marketplace: every endpoint × {anonymous, buyer,
 * other buyer, provider (owner), other provider, validator, operator} with real Keycloak tokens through the
 * gateway, including object-level access (one user's order, licence, lease, challenge, withdrawal, transfer or
 * review used by another). Any difference fails, as does an OpenAPI operation without a row. Afterwards the
 * write rate limit is shown to answer 429 with {@code Retry-After} through the gateway.
 */
@ExtendWith(SystemStack.class)
@Order(2)
class AuthorizationMatrixIT {

    static final List<String> CALLERS = List.of("anonymous", "buyer1", "buyer2", "provider1", "provider2", "validator1", "operator1",
            "partner", "partner2");
    static final Set<Integer> REFUSALS = Set.of(401, 403, 404);
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static final Map<String, String> fixtures = new LinkedHashMap<>();

    record Row(int line, String method, String path, String headers, String body, List<Integer> expected) {
        String name() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void fixtures() throws Exception {
        for (String c : CALLERS) {
            tokens.put(c, switch (c) {
                case "anonymous" -> null;
                case "partner" -> partnerToken();
                case "partner2" -> partnerToken("marketplace-partner-2", "partner2-local-secret");
                default -> token(c);
            });
        }
        String p1 = tokens.get("provider1");
        String b1 = tokens.get("buyer1");
        String v1 = tokens.get("validator1");
        fixtures.put("provider1", subject(p1));
        given().auth().oauth2(p1).contentType(ContentType.JSON).body("{\"displayName\":\"Provider one\"}").put(gateway + "/v1/publishers/me")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        String[] asset = publishedAsset(p1);
        fixtures.put("asset", asset[0]);
        fixtures.put("version", asset[1]);
        fixtures.put("plan", asset[2]);
        fixtures.put("deprecable", publishedAsset(p1)[0]);
        fixtures.put("delistable", publishedAsset(p1)[0]);
        String publishable = draft(p1, "publishable");
        publish(p1, publishable, version(p1, publishable));
        post(p1, "/v1/assets/" + publishable + "/plans", "{\"type\":\"ONE_TIME\",\"price\":\"1000\"}", 201);
        fixtures.put("publishable", publishable);
        String draft = draft(p1, "draft");
        fixtures.put("draft", draft);
        fixtures.put("draftPlan", post(p1, "/v1/assets/" + draft + "/plans", "{\"type\":\"ONE_TIME\",\"price\":\"10\"}", 201).getString("id"));
        fixtures.put("draftPlan2", post(p1, "/v1/assets/" + draft + "/plans", "{\"type\":\"SUBSCRIPTION\",\"price\":\"20\",\"periodDays\":30}", 201).getString("id"));
        fixtures.put("draftVersion", version(p1, draft));
        fixtures.put("draftEtag", given().auth().oauth2(p1).get(gateway + "/v1/assets/" + draft).then().statusCode(200).extract().header("ETag"));
        fixtures.put("newVersion", versionBody());

        deposit(b1, 5, BigInteger.valueOf(50_000_000));
        fixtures.put("order", fulfilledOrder(b1, asset[0], asset[2]));
        fixtures.put("licence", licenceOf(b1, fixtures.get("order")));
        fixtures.put("accessKey", given().auth().oauth2(b1).get(gateway + "/v1/licences/" + fixtures.get("licence")).then()
                .extract().path("accessKey"));
        String second = fulfilledOrder(b1, asset[0], asset[2]);
        fixtures.put("revocable", licenceOf(b1, second));
        fixtures.put("order2", fulfilledOrder(b1, asset[0], asset[2]));
        fixtures.put("review", await().atMost(PATIENCE).until(() -> given().auth().oauth2(b1).contentType(ContentType.JSON)
                .body("{\"basisType\":\"ORDER\",\"basisId\":\"" + fixtures.get("order") + "\",\"rating\":5,\"text\":\"good\"}")
                .post(gateway + "/v1/reviews").then().extract().path("id"), id -> id != null));
        fixtures.put("report", post(b1, "/v1/assets/" + asset[0] + "/abuse-reports", "{\"category\":\"MALWARE\",\"details\":\"fixture\"}", 201)
                .getString("id"));

        fixtures.put("newOffer", offerBody());
        fixtures.put("offer", offer(p1, 16));
        fixtures.put("revisable", offer(p1, 2));
        fixtures.put("revisableEtag", given().get(gateway + "/v1/offers/" + fixtures.get("revisable")).then().extract().header("ETag"));
        fixtures.put("pausable", offer(p1, 2));
        fixtures.put("deletable", offer(p1, 2));
        for (String l : new String[] { "lease", "endable", "faultable" }) {
            String id = lease(b1, fixtures.get("offer"), 1, 2);
            await().atMost(PATIENCE).until(() -> "ACTIVE".equals(get(b1, "/v1/leases/" + id).getString("state")));
            fixtures.put(l, id);
        }

        // buyer1 proves an address; the signed body is the fixture, presented by everyone.
        fixtures.put("linkBody", signedLinkBody(b1, Credentials.create(Keys.createEcKeyPair())));

        deposit(v1, 4, BigInteger.valueOf(10_000));
        post(v1, "/v1/stakes", "{\"amount\":\"2000\"}", 201); // kept: lets validator1 attest
        fixtures.put("stake", post(v1, "/v1/stakes", "{\"amount\":\"100\"}", 201).getString("correlationId"));

        await().atMost(PATIENCE).until(() -> available(p1).signum() > 0);
        linkNewAddress(p1);
        fixtures.put("withdrawal", post(p1, "/v1/withdrawals", "{\"amount\":\"1\"}", 201).getString("id"));
        fixtures.put("unknownDeposit", UUID.randomUUID().toString());
        String transfer = get(p1, "/v1/accounts/me/transfers").getString("items[0].transferId");
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(p1).get(gateway + "/v1/ledger/transfers/" + transfer + "/proof").statusCode() == 200);
        fixtures.put("transfer", transfer);
        // Both partners may receive catalog's AssetCreated; the first owns two webhook endpoints.
        String operator = tokens.get("operator1");
        for (String partner : List.of("partner", "partner2")) {
            String id = get(tokens.get(partner), "/v1/partners/me/grants").getString("partnerId");
            given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"eventTypes\":[\"ai.marketplace.catalog.AssetCreated.v1\"]}")
                    .put(gateway + "/v1/partners/" + id + "/grants").then().statusCode(200);
            fixtures.put(partner.equals("partner") ? "partner" : "partner2Id", id);
        }
        for (String hook : List.of("hook", "deletableHook")) {
            fixtures.put(hook, post(tokens.get("partner"), "/v1/webhooks/endpoints", "{\"url\":\"http://127.0.0.1:9/matrix-" + hook
                    + "\",\"eventTypes\":[\"ai.marketplace.catalog.AssetCreated.v1\"]}", 201).getString("endpoint.id"));
        }
        // Reputation knows the version and the validators' stakes before attestations are tried.
        await().atMost(PATIENCE).until(() -> given().get(gateway + "/v1/validators").then().extract().jsonPath()
                .getList("validatorId").contains(subject(v1)));
    }

    /** The matrix's webhook endpoints point at a closed port: removed so that nothing keeps retrying into it. */
    @org.junit.jupiter.api.AfterAll
    static void removeWebhookEndpoints() {
        for (String partner : List.of("partner", "partner2")) {
            for (String id : get(tokens.get(partner), "/v1/webhooks/endpoints?limit=100").getList("items.id", String.class)) {
                given().auth().oauth2(tokens.get(partner)).delete(gateway + "/v1/webhooks/endpoints/" + id);
            }
        }
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws IOException {
        List<Row> rows = rows();
        List<String> differences = new ArrayList<>();
        int calls = 0;
        for (Row row : rows) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < CALLERS.size(); i++) {
                if (REFUSALS.contains(row.expected().get(i))) {
                    order.add(i);
                }
            }
            for (int i = 0; i < CALLERS.size(); i++) {
                if (!REFUSALS.contains(row.expected().get(i))) {
                    order.add(i);
                }
            }
            for (int i : order) {
                Response res = call(row, CALLERS.get(i));
                calls++;
                int expected = row.expected().get(i);
                if (res.statusCode() != expected) {
                    differences.add(String.format("line %d: %s as %s → %d, expected %d: %s", row.line(), row.name(), CALLERS.get(i),
                            res.statusCode(), expected, abbreviate(res.asString())));
                } else if (expected >= 400 && !String.valueOf(res.contentType()).startsWith("application/problem+json")) {
                    differences.add(String.format("line %d: %s as %s → %d without problem+json", row.line(), row.name(), CALLERS.get(i), expected));
                }
            }
        }
        System.out.println("Authorization matrix: " + rows.size() + " endpoints × " + CALLERS.size() + " callers = " + calls
                + " calls, " + differences.size() + " differences");
        assertThat(differences).as("calls whose status differs from docs/authorization-matrix.md").isEmpty();
    }

    @Test
    void everyDocumentedOperationHasARow() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String s : List.of("catalog", "compute", "settlement", "reputation", "partner")) {
            JsonNode paths = new ObjectMapper().readTree(RepoRoot.get().resolve(s + "-service/target/openapi/openapi.json").toFile()).get("paths");
            paths.fieldNames().forEachRemaining(p -> paths.get(p).fieldNames().forEachRemaining(m -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(m)) {
                    documented.add(m.toUpperCase() + " " + p.replaceAll("\\{[^}]+}", "{}"));
                }
            }));
        }
        Set<String> covered = new TreeSet<>();
        for (Row r : rows()) {
            covered.add(r.method() + " " + r.path().replaceAll("\\{[^}]+}", "{}").replaceAll("/scores/asset/", "/scores/{}/")
                    .replaceAll("^/v1/operations/[a-z]+/dead-letters", "/v1/operations/{}/dead-letters")
                    .replaceAll("/dead-letters/[^/]+/[0-9]+/[0-9]+/", "/dead-letters/{}/{}/{}/"));
        }
        assertThat(covered).as("operations in the matrix").containsAll(documented);
    }

    @Test
    void writesBeyondTheAllowanceAreRefusedWith429AndRetryAfterThroughTheGateway() {
        // validator3 writes nowhere else; the stack allows a burst of 400 writes per client, refilled at 10 a second.
        String v3 = token("validator3");
        Response last = null;
        for (int i = 0; i < 2_000 && (last == null || last.statusCode() != 429); i++) {
            last = given().auth().oauth2(v3).post(gateway + "/v1/accounts/me/address-challenges");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(last.contentType()).startsWith("application/problem+json");
        // Another client is not affected.
        given().auth().oauth2(token("validator2")).post(gateway + "/v1/accounts/me/address-challenges").then().statusCode(200);
    }

    static Response call(Row row, String caller) {
        var req = given().redirects().follow(false);
        String token = tokens.get(caller);
        if (token != null) {
            req = req.auth().oauth2(token);
        }
        if (!row.headers().isBlank()) {
            String[] h = fill(row.headers()).split(":", 2);
            req = req.header(h[0].strip(), h[1].strip());
        }
        if (!row.body().isBlank()) {
            req = req.contentType(ContentType.JSON).body(fill(row.body()));
        }
        if (Set.of("POST", "PUT", "DELETE").contains(row.method())) {
            req = req.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return req.request(row.method(), gateway + fill(row.path()));
    }

    static String fill(String template) {
        Matcher m = Pattern.compile("\\{([a-zA-Z0-9]+)}").matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = fixtures.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no fixture {" + m.group(1) + "} for " + template);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        return m.appendTail(b).toString();
    }

    static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(RepoRoot.get().resolve("docs/authorization-matrix.md"));
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (!line.startsWith("| ") || line.startsWith("| method") ) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            if (cells.length != 4 + CALLERS.size()) {
                throw new IllegalStateException("docs/authorization-matrix.md line " + (n + 1) + " has " + cells.length + " cells");
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 4; i < cells.length; i++) {
                expected.add(Integer.parseInt(cells[i].strip()));
            }
            rows.add(new Row(n + 1, cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(), expected));
        }
        return rows;
    }

    // --- fixtures, made the way their owners make them ---

    static String draft(String token, String name) {
        return post(token, "/v1/assets", "{\"kind\":\"MODEL\",\"name\":\"Matrix " + name + " " + UUID.randomUUID()
                + "\",\"licence\":\"Apache-2.0\",\"tags\":[\"matrix\"]}", 201).getString("id");
    }

    static String versionBody() {
        return "{\"semver\":\"" + (1 + Math.abs(UUID.randomUUID().hashCode() % 1000)) + ".0.0\",\"digest\":\"" + "cd".repeat(32)
                + "\",\"sizeBytes\":1024,\"storageUri\":\"s3://models/matrix\",\"format\":\"safetensors\",\"metrics\":[],\"derivedFrom\":[],\"trainedOn\":[]}";
    }

    static String version(String token, String asset) {
        return post(token, "/v1/assets/" + asset + "/versions", versionBody(), 201).getString("id");
    }

    static void publish(String token, String asset, String version) {
        post(token, "/v1/assets/" + asset + "/versions/" + version + "/publish", null, 200);
    }

    /** {asset, version, plan} */
    static String[] publishedAsset(String token) {
        String asset = draft(token, "published");
        String version = version(token, asset);
        publish(token, asset, version);
        String plan = post(token, "/v1/assets/" + asset + "/plans", "{\"type\":\"ONE_TIME\",\"price\":\"1000000\"}", 201).getString("id");
        post(token, "/v1/assets/" + asset + "/publish", null, 200);
        return new String[] { asset, version, plan };
    }

    static String fulfilledOrder(String buyer, String asset, String plan) {
        String order = post(buyer, "/v1/orders", "{\"assetId\":\"" + asset + "\",\"planId\":\"" + plan + "\"}", 201).getString("id");
        await().atMost(PATIENCE).until(() -> "FULFILLED".equals(get(buyer, "/v1/orders/" + order).getString("state")));
        return order;
    }

    static String licenceOf(String buyer, String order) {
        return await().atMost(PATIENCE).until(() -> get(buyer, "/v1/licences?limit=100").getList("items", Map.class).stream()
                .filter(l -> order.equals(l.get("orderId"))).map(l -> (String) l.get("id")).findFirst().orElse(null), id -> id != null);
    }

    static String offerBody() {
        return "{\"region\":\"eu-west\",\"gpuModel\":\"MX-" + UUID.randomUUID().toString().substring(0, 6)
                + "\",\"vramGb\":80,\"gpuCount\":2,\"cpuCores\":32,\"ramGb\":256,\"pricePerGpuHour\":\"1000\",\"minHours\":1,\"maxHours\":24}";
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 240 ? s.substring(0, 240) + "…" : s;
    }
}
