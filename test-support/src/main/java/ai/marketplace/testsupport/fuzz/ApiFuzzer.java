package ai.marketplace.testsupport.fuzz;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import ai.marketplace.testsupport.TestTokens;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import net.jqwik.api.Arbitrary;

/**
 * Reads a service's OpenAPI document and sends, for every operation, requests built to break it: hostile path
 * and query values, bodies with missing, extra, wrongly typed, boundary (0, −1, 2^256) and hostile fields,
 * broken JSON, wrong content types, bodies over the size limit, and invalid or missing tokens next to valid
 * ones. Values come from jqwik arbitraries drawn with a fixed seed, so a failing run repeats exactly.
 * <p>
 * Every answer must be below 500; every 4xx must be problem+json and must leave the database exactly as it was
 * (a fingerprint of every table, taken right before and right after the request); an invalid or missing token
 * must never be accepted by a secured operation.
 */
public final class ApiFuzzer {

    enum Kind {
        VALID, INVALID_TOKEN, NO_TOKEN, BAD_PATH, BAD_QUERY, MISSING_FIELD, EXTRA_FIELD, WRONG_TYPE, HOSTILE_STRING,
        BOUNDARY_NUMBER, AMOUNT, NULL_FIELD, BROKEN_BODY, WRONG_CONTENT_TYPE, OVERSIZE
    }

    public record Caller(String name, String token) {
    }

    public record Finding(String operation, String kind, String request, int status, String why) {
        @Override
        public String toString() {
            return operation + " [" + kind + "] → " + status + ": " + why + "\n    " + request;
        }
    }

    public record Report(Map<String, Integer> requestsPerOperation, Map<Integer, Integer> statuses,
            List<Finding> findings) {
        public int total() {
            return requestsPerOperation.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Prints the counts; fails listing every finding, or when fewer operations were fuzzed than documented. */
        public void assertClean(String service, int operations) {
            System.out.println(service + " API fuzzing:\n" + table());
            if (!findings.isEmpty()) {
                throw new AssertionError(findings.size() + " findings:\n" + String.join("\n", findings.stream().map(Finding::toString).toList()));
            }
            if (requestsPerOperation.size() < operations) {
                throw new AssertionError("only " + requestsPerOperation.size() + " of " + operations + " operations were fuzzed");
            }
        }

        public String table() {
            StringBuilder b = new StringBuilder();
            requestsPerOperation.forEach((op, n) -> b.append(String.format("  %-60s %5d%n", op, n)));
            b.append(String.format("  %-60s %5d%n", requestsPerOperation.size() + " operations", total()));
            b.append("  statuses: ").append(statuses).append('\n');
            b.append("  findings: ").append(findings.size()).append('\n');
            return b.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final String base;
    private final OpenAPI api;
    private final List<Caller> callers;
    private final List<Caller> invalidCallers;
    private final Map<String, List<String>> ids;
    private final Supplier<Map<String, String>> state;
    private final Random random;
    private final int perOperation;
    private final long maxBodyBytes;
    // HTTP/1.1, as the gateway speaks to the services.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ApiFuzzer(Builder b) {
        this.base = b.base;
        var options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        var parsed = new OpenAPIV3Parser().readContents(b.openApi, null, options);
        this.api = Objects.requireNonNull(parsed.getOpenAPI(), () -> "unreadable OpenAPI document: " + parsed.getMessages());
        this.callers = List.copyOf(b.callers);
        this.invalidCallers = List.of(new Caller("expired", TestTokens.expired("fuzz", "provider", "buyer", "operator")),
                new Caller("forged", TestTokens.forged("fuzz", "provider", "buyer", "operator")),
                new Caller("wrong-issuer", TestTokens.wrongIssuer("fuzz", "provider", "buyer", "operator")),
                new Caller("wrong-audience", TestTokens.wrongAudience("fuzz", "provider", "buyer", "operator")),
                new Caller("garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        this.ids = Map.copyOf(b.ids);
        this.state = b.state;
        this.random = new Random(b.seed);
        this.perOperation = b.perOperation;
        this.maxBodyBytes = b.maxBodyBytes;
    }

    public static Builder against(String baseUrl) {
        return new Builder(baseUrl);
    }

    public static final class Builder {
        private final String base;
        private String openApi;
        private final List<Caller> callers = new ArrayList<>();
        private final Map<String, List<String>> ids = new LinkedHashMap<>();
        private Supplier<Map<String, String>> state = Map::of;
        private long seed = 20261128L;
        private int perOperation = 30;
        private long maxBodyBytes = 256 * 1024;

        private Builder(String base) {
            this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }

        /** The OpenAPI document (JSON or YAML); by default the service's own {@code /q/openapi}. */
        public Builder openApi(String document) {
            this.openApi = document;
            return this;
        }

        public Builder caller(String name, String token) {
            callers.add(new Caller(name, token));
            return this;
        }

        /** Existing ids for a path parameter or body field name (e.g. {@code assetId}), so requests reach deep. */
        public Builder ids(String name, String... values) {
            ids.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
            return this;
        }

        public Builder state(Supplier<Map<String, String>> fingerprint) {
            this.state = fingerprint;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder requestsPerOperation(int n) {
            this.perOperation = n;
            return this;
        }

        public Builder maxBodyBytes(long n) {
            this.maxBodyBytes = n;
            return this;
        }

        public ApiFuzzer build() {
            if (openApi == null) {
                openApi = fetch(base + "/q/openapi?format=json");
            }
            if (callers.isEmpty()) {
                throw new IllegalStateException("give the fuzzer at least one caller with a valid token");
            }
            return new ApiFuzzer(this);
        }
    }

    private record Request(String method, String path, String contentType, String body, Caller caller) {
        String describe() {
            String b = body == null ? "" : " body=" + (body.length() > 200 ? body.substring(0, 200) + "…(" + body.length() + " chars)" : body);
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + " as " + caller.name()
                    + (contentType == null ? "" : " [" + contentType + "]") + b;
        }
    }

    public Report run() {
        // jqwik arbitraries outside a property need a session; values are drawn with this fuzzer's seeded Random.
        net.jqwik.api.sessions.JqwikSession.start();
        try {
            return fuzz();
        } finally {
            net.jqwik.api.sessions.JqwikSession.finish();
        }
    }

    private Report fuzz() {
        Map<String, Integer> counts = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, String> before = state.get();
        for (var pathEntry : new TreeMap<>(api.getPaths()).entrySet()) {
            String template = pathEntry.getKey();
            for (var opEntry : pathEntry.getValue().readOperationsMap().entrySet()) {
                String method = opEntry.getKey().name();
                Operation op = opEntry.getValue();
                String name = method + " " + template;
                boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
                List<Kind> kinds = applicable(op);
                for (int i = 0; i < perOperation; i++) {
                    Kind kind = kinds.get(i % kinds.size());
                    Request req = build(method, template, op, kind);
                    HttpResponse<String> res = send(req);
                    counts.merge(name, 1, Integer::sum);
                    statuses.merge(res.statusCode(), 1, Integer::sum);
                    Map<String, String> after = state.get();
                    int status = res.statusCode();
                    String type = res.headers().firstValue("content-type").orElse("");
                    if (status >= 500) {
                        findings.add(new Finding(name, kind.name(), req.describe(), status, "server error: " + abbreviate(res.body())));
                    } else if (status >= 400) {
                        if (!type.startsWith("application/problem+json")) {
                            findings.add(new Finding(name, kind.name(), req.describe(), status, "not problem+json but '" + type + "'"));
                        }
                        if (!after.equals(before)) {
                            findings.add(new Finding(name, kind.name(), req.describe(), status,
                                    "a rejected request changed " + changed(before, after)));
                        }
                    } else if (secured && (kind == Kind.INVALID_TOKEN || kind == Kind.NO_TOKEN)) {
                        findings.add(new Finding(name, kind.name(), req.describe(), status, "accepted without a valid token"));
                    }
                    before = after;
                }
            }
        }
        return new Report(counts, statuses, findings);
    }

    private static List<Kind> applicable(Operation op) {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.VALID, Kind.INVALID_TOKEN, Kind.NO_TOKEN));
        if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
            kinds.add(Kind.BAD_PATH);
        }
        if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()))) {
            kinds.add(Kind.BAD_QUERY);
        }
        if (jsonBody(op) != null) {
            kinds.addAll(List.of(Kind.MISSING_FIELD, Kind.EXTRA_FIELD, Kind.WRONG_TYPE, Kind.HOSTILE_STRING,
                    Kind.BOUNDARY_NUMBER, Kind.AMOUNT, Kind.NULL_FIELD, Kind.BROKEN_BODY, Kind.WRONG_CONTENT_TYPE,
                    Kind.OVERSIZE, Kind.VALID));
        }
        return kinds;
    }

    private Request build(String method, String template, Operation op, Kind kind) {
        Caller caller = switch (kind) {
            case INVALID_TOKEN -> pick(invalidCallers);
            case NO_TOKEN -> new Caller("anonymous", null);
            default -> pick(callers);
        };
        StringBuilder path = new StringBuilder();
        List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
        String resolved = template;
        List<Parameter> pathParams = params.stream().filter(p -> "path".equals(p.getIn())).toList();
        Parameter broken = kind == Kind.BAD_PATH && !pathParams.isEmpty() ? pick(pathParams) : null;
        for (Parameter p : pathParams) {
            String value = p == broken ? draw(HostileValues.ids()) : validValue(template + ":" + p.getName(), p.getName(), p.getSchema());
            resolved = resolved.replace("{" + p.getName() + "}", encodePath(value));
        }
        path.append(resolved);
        List<String> query = new ArrayList<>();
        List<Parameter> queryParams = params.stream().filter(p -> "query".equals(p.getIn())).toList();
        Parameter brokenQuery = kind == Kind.BAD_QUERY && !queryParams.isEmpty() ? pick(queryParams) : null;
        for (Parameter p : queryParams) {
            if (p == brokenQuery) {
                String type = typeOf(p.getSchema());
                String v = "integer".equals(type) || "number".equals(type) ? draw(HostileValues.numbers()) : draw(HostileValues.strings());
                query.add(enc(p.getName()) + "=" + enc(v));
            } else if (Boolean.TRUE.equals(p.getRequired()) || random.nextInt(3) == 0) {
                String v = validValue(template + ":" + p.getName(), p.getName(), p.getSchema());
                if (v != null && !"cursor".equals(p.getName())) {
                    query.add(enc(p.getName()) + "=" + enc(v));
                }
            }
        }
        if (!query.isEmpty()) {
            path.append('?').append(String.join("&", query));
        }
        Schema<?> bodySchema = jsonBody(op);
        String contentType = null;
        String body = null;
        if (bodySchema != null) {
            contentType = "application/json";
            JsonNode valid = validNode(bodySchema, "", 0);
            body = switch (kind) {
                case MISSING_FIELD -> mutate(valid, bodySchema, Mutation.REMOVE);
                case EXTRA_FIELD -> mutate(valid, bodySchema, Mutation.EXTRA);
                case WRONG_TYPE -> mutate(valid, bodySchema, Mutation.WRONG_TYPE);
                case HOSTILE_STRING -> mutate(valid, bodySchema, Mutation.HOSTILE);
                case BOUNDARY_NUMBER -> mutate(valid, bodySchema, Mutation.NUMBER);
                case AMOUNT -> mutate(valid, bodySchema, Mutation.AMOUNT);
                case NULL_FIELD -> mutate(valid, bodySchema, Mutation.NULL);
                case BROKEN_BODY -> draw(HostileValues.brokenBodies());
                case OVERSIZE -> "{\"pad\":\"" + "x".repeat((int) maxBodyBytes + 1024) + "\"}";
                default -> valid.toString();
            };
            if (kind == Kind.WRONG_CONTENT_TYPE) {
                contentType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=ebcdic"));
            }
        }
        return new Request(method, path.toString(), contentType, body, caller);
    }

    enum Mutation {
        REMOVE, EXTRA, WRONG_TYPE, HOSTILE, NUMBER, AMOUNT, NULL
    }

    private String mutate(JsonNode valid, Schema<?> schema, Mutation m) {
        if (!(valid instanceof ObjectNode obj)) {
            return draw(HostileValues.wrongJson());
        }
        Map<String, Schema> props = schema.getProperties() == null ? Map.of() : schema.getProperties();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        List<String> names = new ArrayList<>(props.keySet());
        switch (m) {
            case REMOVE -> {
                List<String> from = required.isEmpty() ? names : required;
                if (!from.isEmpty()) {
                    obj.remove(pick(from));
                }
            }
            case EXTRA -> obj.set("unexpected" + random.nextInt(100), TextNode.valueOf(draw(HostileValues.strings())));
            case WRONG_TYPE -> {
                if (!names.isEmpty()) {
                    obj.set(pick(names), parse(draw(HostileValues.wrongJson())));
                }
            }
            case HOSTILE -> {
                List<String> strings = names.stream().filter(n -> "string".equals(typeOf(props.get(n)))).toList();
                obj.set(strings.isEmpty() ? (names.isEmpty() ? "name" : pick(names)) : pick(strings),
                        TextNode.valueOf(draw(HostileValues.strings())));
            }
            case NUMBER -> {
                List<String> numbers = names.stream().filter(n -> Set.of("integer", "number").contains(typeOf(props.get(n)))).toList();
                String target = numbers.isEmpty() ? (names.isEmpty() ? "count" : pick(names)) : pick(numbers);
                obj.set(target, DecimalNode.valueOf(new BigDecimal(draw(HostileValues.numbers()))));
            }
            case AMOUNT -> {
                List<String> amounts = names.stream().filter(n -> isAmount(props.get(n))).toList();
                String target = amounts.isEmpty() ? (names.isEmpty() ? "amount" : pick(names)) : pick(amounts);
                obj.set(target, parse(draw(HostileValues.amountsAsJson())));
            }
            case NULL -> {
                List<String> from = required.isEmpty() ? names : required;
                if (!from.isEmpty()) {
                    obj.set(pick(from), NullNode.instance);
                }
            }
        }
        return obj.toString();
    }

    private JsonNode validNode(Schema<?> s, String property, int depth) {
        var f = JsonNodeFactory.instance;
        if (s == null) {
            return TextNode.valueOf("x");
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return TextNode.valueOf(String.valueOf(pick(new ArrayList<>(s.getEnum()))));
        }
        String type = typeOf(s);
        switch (type == null ? "object" : type) {
            case "object": {
                ObjectNode o = f.objectNode();
                if (s.getProperties() != null && depth < 4) {
                    List<String> required = s.getRequired() == null ? List.of() : s.getRequired();
                    s.getProperties().forEach((k, v) -> {
                        if (required.contains(k) || random.nextBoolean()) {
                            o.set(k, validNode(v, k, depth + 1));
                        }
                    });
                }
                return o;
            }
            case "array": {
                ArrayNode a = f.arrayNode();
                if (depth < 4 && random.nextBoolean()) {
                    a.add(validNode(s.getItems(), property, depth + 1));
                }
                return a;
            }
            case "integer":
                return f.numberNode(s.getMinimum() != null ? s.getMinimum().longValue() : 1 + random.nextInt(3));
            case "number":
                return f.numberNode(1.5);
            case "boolean":
                return f.booleanNode(random.nextBoolean());
            default:
                return TextNode.valueOf(validValue(property, property, s));
        }
    }

    private String validValue(String key, String name, Schema<?> s) {
        List<String> known = ids.getOrDefault(key, ids.get(name));
        if (known != null && !known.isEmpty()) {
            return pick(known);
        }
        if (s == null) {
            return "x";
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return String.valueOf(pick(new ArrayList<>(s.getEnum())));
        }
        String type = typeOf(s);
        if ("integer".equals(type)) {
            return Integer.toString(s.getMinimum() != null ? s.getMinimum().intValue() : 1 + random.nextInt(20));
        }
        if ("boolean".equals(type)) {
            return Boolean.toString(random.nextBoolean());
        }
        if ("uuid".equals(s.getFormat()) || (s.getPattern() != null && s.getPattern().startsWith("[a-fA-F0-9]{8}"))) {
            return UUID.randomUUID().toString();
        }
        if ("date-time".equals(s.getFormat())) {
            return OffsetDateTime.now().plusDays(1).toString();
        }
        if (isAmount(s)) {
            return Integer.toString(1 + random.nextInt(1000));
        }
        String p = s.getPattern();
        if (p != null) {
            if (p.startsWith("0x[0-9a-fA-F]{40}")) {
                return "0x" + hex(40);
            }
            if (p.startsWith("0x[0-9a-fA-F]{130}")) {
                return "0x" + hex(130);
            }
            if (p.startsWith("[0-9a-fA-F]{64}")) {
                return hex(64);
            }
            if (p.startsWith("(0|[1-9]\\d*)\\.")) {
                return random.nextInt(5) + "." + random.nextInt(10) + "." + random.nextInt(10);
            }
            if (p.startsWith("https://")) {
                return "https://example.com/" + random.nextInt(100);
            }
            if (p.startsWith("Qm")) {
                return "Qm" + "a".repeat(44);
            }
            if (p.contains("|") && p.matches("[A-Z|]+")) {
                return pick(List.of(p.split("\\|")));
            }
        }
        int max = s.getMaxLength() != null ? Math.min(s.getMaxLength(), 12) : 12;
        String v = "fuzz" + Integer.toString(random.nextInt(1_000_000), 36);
        return v.length() > max ? v.substring(0, Math.max(1, max)) : v;
    }

    private static boolean isAmount(Schema<?> s) {
        return s != null && s.getPattern() != null && s.getPattern().startsWith("^(0|[1-9][0-9]");
    }

    private static String typeOf(Schema<?> s) {
        if (s == null) {
            return null;
        }
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            return s.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        return s.getProperties() != null ? "object" : null;
    }

    private static Schema<?> jsonBody(Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return null;
        }
        var media = op.getRequestBody().getContent().get("application/json");
        return media == null ? null : media.getSchema();
    }

    private HttpResponse<String> send(Request r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path())).timeout(Duration.ofSeconds(60));
        if (r.caller().token() != null) {
            b.header("Authorization", "Bearer " + r.caller().token());
        }
        if (r.contentType() != null) {
            b.header("Content-Type", r.contentType());
        }
        if (WRITES.contains(r.method())) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(r.body(), StandardCharsets.UTF_8));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // A connection closed after a 413 is fine; anything else is the service failing.
            if (r.body() != null && r.body().length() > maxBodyBytes) {
                return synthetic(413);
            }
            throw new IllegalStateException(r.describe() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> synthetic(int status) {
        return new HttpResponse<>() {
            public int statusCode() { return status; }
            public HttpRequest request() { return null; }
            public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() {
                return java.net.http.HttpHeaders.of(Map.of("content-type", List.of("application/problem+json")), (a, c) -> true);
            }
            public String body() { return ""; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public URI uri() { return null; }
            public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        };
    }

    private static String fetch(String url) {
        try {
            var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + res.statusCode());
            }
            return res.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String changed(Map<String, String> before, Map<String, String> after) {
        List<String> tables = new ArrayList<>();
        for (String t : after.keySet()) {
            if (!Objects.equals(before.get(t), after.get(t))) {
                tables.add(t);
            }
        }
        return "table(s) " + tables;
    }

    private JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return TextNode.valueOf(json);
        }
    }

    private String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    private <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(1000).next(random).value();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so hostile ids stay one path segment. */
    private static String encodePath(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
