package ai.marketplace.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.platform.testing.EventFeed;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Search over 1,000 generated published assets, checked against SQL ground truth. */
@QuarkusTest
class SearchTest {

    static final int N = 1000;
    static final String RUN = randomWord();
    static final String SEED_TAG = "seed" + RUN;

    @BeforeAll
    static void seed() throws SQLException {
        // Kinds, tasks, licences, publishers and prices cycle with i; every pair of assets shares a publish time
        // (ties must still page exactly once); 100 have no plan; 700 have a score; every 10th is verified.
        sql("insert into asset (id, owner_id, kind, name, summary, description, task, licence, tags, state, version, created_at, updated_at, published_at) "
                + "select gen_random_uuid(), 'publisher-" + RUN + "-' || (i % 5), (array['MODEL','DATASET','SERVICE'])[1 + i % 3], "
                + "'generated asset ' || i, 'summary ' || i, 'description ' || i, (array['text-generation','image-classification','embeddings','speech'])[1 + i % 4], "
                + "(array['MIT','Apache-2.0','CC-BY-4.0'])[1 + i % 3], array['" + SEED_TAG + "', 'mod' || (i % 7)], 'PUBLISHED', 0, now(), now(), "
                + "timestamptz '2026-01-01T00:00:00Z' + ((i / 2) || ' seconds')::interval from generate_series(1, " + N + ") i",
                "insert into pricing_plan (id, asset_id, type, price, state, created_at) select gen_random_uuid(), id, 'ONE_TIME', "
                        + "((substring(name from '[0-9]+$')::int % 50) + 1) * 1000, 'ACTIVE', now() from asset "
                        + "where tags @> array['" + SEED_TAG + "'] and substring(name from '[0-9]+$')::int % 10 <> 0",
                "insert into asset_reputation (asset_id, score, score_as_of, verified) select id, "
                        + "((substring(name from '[0-9]+$')::int * 7) % 100) / 100.0, now(), substring(name from '[0-9]+$')::int % 10 = 3 "
                        + "from asset where tags @> array['" + SEED_TAG + "'] and substring(name from '[0-9]+$')::int % 10 < 7");
    }

    @Test
    void pagingVisitsEveryMatchExactlyOnceInEverySortOrder() throws SQLException {
        for (String sort : List.of("newest", "price", "score")) {
            List<Map<String, Object>> hits = all("tag=" + SEED_TAG + "&sort=" + sort, 37);
            List<String> ids = hits.stream().map(h -> (String) h.get("id")).toList();
            assertThat(ids).as(sort).hasSize(N).doesNotHaveDuplicates();
            for (int i = 1; i < hits.size(); i++) {
                Map<String, Object> a = hits.get(i - 1), b = hits.get(i);
                switch (sort) {
                    case "newest" -> assertThat(OffsetDateTime.parse((String) a.get("publishedAt")))
                            .isAfterOrEqualTo(OffsetDateTime.parse((String) b.get("publishedAt")));
                    case "price" -> assertThat(priceKey(a)).isLessThanOrEqualTo(priceKey(b));
                    default -> assertThat(scoreKey(a)).isGreaterThanOrEqualTo(scoreKey(b));
                }
            }
        }
        List<Map<String, Object>> priced = all("tag=" + SEED_TAG + "&sort=price", 100);
        assertThat(priced.get(N - 1).get("minPrice")).as("unpriced assets sort last").isNull();
        assertThat(priced.get(0).get("minPrice")).as("i % 50 == 0 has no plan, so 2000 is the cheapest").isEqualTo("2000");
    }

    @Test
    void everyFilterReturnsExactlyWhatTheDatabaseHolds() throws SQLException {
        String base = "select id::text from asset a left join asset_reputation r on r.asset_id = a.id "
                + "where a.state = 'PUBLISHED' and a.tags @> array['" + SEED_TAG + "']";
        Map<String, String> cases = Map.of(
                "kind=DATASET", " and a.kind = 'DATASET'",
                "task=embeddings", " and a.task = 'embeddings'",
                "tag=mod3", " and a.tags @> array['mod3']",
                "licence=CC-BY-4.0", " and a.licence = 'CC-BY-4.0'",
                "publisher=publisher-" + RUN + "-2", " and a.owner_id = 'publisher-" + RUN + "-2'",
                "minPrice=10000&maxPrice=20000", " and a.min_price between 10000 and 20000",
                "minScore=0.9", " and r.score >= 0.9",
                "verified=true", " and r.verified",
                "verified=false", " and coalesce(r.verified, false) = false",
                "kind=MODEL&licence=MIT&minPrice=25000", " and a.kind = 'MODEL' and a.licence = 'MIT' and a.min_price >= 25000");
        for (var c : cases.entrySet()) {
            Set<String> expected = new HashSet<>(ids(base + c.getValue()));
            List<String> got = all("tag=" + SEED_TAG + "&" + c.getKey(), 100).stream().map(h -> (String) h.get("id")).toList();
            assertThat(got).as(c.getKey()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(got)).as(c.getKey()).isEqualTo(expected);
            assertThat(expected).as("the case " + c.getKey() + " must select something").isNotEmpty();
        }
    }

    @Test
    void relevanceRanksNameOverTagsOverSummaryOverDescription() {
        String word = randomWord();
        String owner = "rel-" + RUN;
        String inDescription = publishedWith(owner, "plain one", "[]", "nothing", word + " appears here only");
        String inName = publishedWith(owner, "the " + word + " model", "[]", "nothing", "nothing");
        String inSummary = publishedWith(owner, "plain two", "[]", "a " + word + " summary", "nothing");
        String inTags = publishedWith(owner, "plain three", "[\"" + word + "\"]", "nothing", "nothing");

        List<String> order = all("q=" + word, 10).stream().map(h -> (String) h.get("id")).toList();
        assertThat(order).containsExactly(inName, inTags, inSummary, inDescription);
        assertThat(all("q=" + word + " -model", 10).stream().map(h -> (String) h.get("id")).toList())
                .doesNotContain(inName).contains(inTags);
        assertThat(all("q=\"" + word + " summary\"", 10).stream().map(h -> (String) h.get("id")).toList())
                .containsExactly(inSummary);
        // Drafts never appear.
        String draft = Catalog.draft(owner, "draft " + word);
        assertThat(all("q=" + word, 10).stream().map(h -> (String) h.get("id")).toList()).doesNotContain(draft);
    }

    @Test
    void scoresAndVerificationArriveFromReputationEvents() throws Exception {
        String word = randomWord();
        String asset = publishedWith("rep-" + RUN, "rated " + word, "[]", "s", "d");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (var feed = EventFeed.of(KafkaResource.bootstrapServers(), "reputation", "Asset")) {
            feed.send(asset, UUID.randomUUID(), "AssetScoreChanged", "{\"assetId\":\"" + asset + "\",\"score\":0.8123}", now);
            feed.send(asset, UUID.randomUUID(), "AssetVerified", "{\"assetId\":\"" + asset + "\",\"versionId\":\"" + UUID.randomUUID() + "\"}", now);
            // A late, older score must not overwrite the newer one.
            feed.send(asset, UUID.randomUUID(), "AssetScoreChanged", "{\"assetId\":\"" + asset + "\",\"score\":0.1}", now.minusHours(1));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/v1/search?q=" + word + "&verified=true")
                .then().statusCode(200).body("items[0].id", equalTo(asset)));
        await().atMost(Duration.ofSeconds(60)).until(() -> ids(
                "select asset_id::text from inbox i join asset_reputation r on true where i.consumer = 'catalog.reputation-projection' and r.asset_id = '"
                        + asset + "'").size() >= 3);
        given().get("/v1/search?q=" + word + "&minScore=0.8").then().body("items[0].score", equalTo(0.8123f));
    }

    @Test
    void badParametersAreFieldErrors() {
        String[][] bad = { { "kind=ROBOT", "kind" }, { "sort=popular", "sort" }, { "sort=relevance", "sort" },
                { "minPrice=-1", "minPrice" }, { "maxPrice=1.5", "maxPrice" }, { "minPrice=5&maxPrice=4", "minPrice" },
                { "minScore=1.5", "minScore" }, { "minScore=abc", "minScore" }, { "verified=yes", "verified" },
                { "tag=Not%20A%20Slug", "tag" }, { "task=DROP%20TABLE", "task" }, { "limit=0", "limit" },
                { "limit=101", "limit" }, { "cursor=garbage!", "cursor" }, { "q=" + "x".repeat(201), "q" } };
        for (String[] b : bad) {
            given().get("/v1/search?" + b[0]).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(b[1]));
        }
        // A cursor of one sort order is refused by another.
        String cursor = given().get("/v1/search?tag=" + SEED_TAG + "&sort=price&limit=1").then().extract().path("nextCursor");
        given().get("/v1/search?tag=" + SEED_TAG + "&sort=newest&cursor=" + cursor).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        // Hostile text is just text.
        given().get("/v1/search?q=' or 1=1; drop table asset; --").then().statusCode(200);
        given().get("/v1/search?q=%26%7C!():*").then().statusCode(200);
    }

    // --- helpers ---

    static String publishedWith(String owner, String name, String tags, String summary, String description) {
        String token = Catalog.token(owner);
        String asset = given().auth().oauth2(token).contentType("application/json")
                .body("{\"kind\":\"MODEL\",\"name\":\"" + name + "\",\"summary\":\"" + summary + "\",\"description\":\""
                        + description + "\",\"licence\":\"MIT\",\"tags\":" + tags + "}")
                .post("/v1/assets").then().statusCode(201).extract().path("id");
        Catalog.publishedVersion(owner, asset, "1.0.0", List.of(), List.of());
        Catalog.plan(owner, asset);
        given().auth().oauth2(token).post("/v1/assets/" + asset + "/publish").then().statusCode(200);
        return asset;
    }

    /** Follows {@code next} links to the end. */
    static List<Map<String, Object>> all(String query, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        String url = "/v1/search?" + query + "&limit=" + limit;
        for (int guard = 0; url != null && guard < 1000; guard++) {
            JsonPath page = given().urlEncodingEnabled(true).get(url).then().statusCode(200).extract().jsonPath();
            out.addAll(page.getList("items"));
            String cursor = page.getString("nextCursor");
            url = cursor == null ? null : "/v1/search?" + query + "&limit=" + limit + "&cursor=" + cursor;
        }
        return out;
    }

    static BigDecimal priceKey(Map<String, Object> h) {
        Object p = h.get("minPrice");
        return p == null ? new BigDecimal("1e80") : new BigDecimal(p.toString());
    }

    static BigDecimal scoreKey(Map<String, Object> h) {
        Object s = h.get("score");
        return s == null ? BigDecimal.ONE.negate() : new BigDecimal(s.toString());
    }

    static String randomWord() {
        Random r = new Random();
        StringBuilder b = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    static void sql(String... statements) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static List<String> ids(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var c = PostgresResource.connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
