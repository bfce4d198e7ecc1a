package ai.marketplace.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.marketplace.localstack.ManagedProcess;
import ai.marketplace.localstack.ServiceLauncher;
import ai.marketplace.testsupport.TestTokens;
import ai.marketplace.testsupport.TopicReader;
import ai.marketplace.testsupport.host.Ports;
import ai.marketplace.testsupport.host.RepoRoot;
import ai.marketplace.testsupport.kafka.EmbeddedKafka;
import ai.marketplace.testsupport.postgres.EmbeddedPostgresServer;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.core.json.JsonObject;

/**
 * The thin slice across two services as they are deployed: catalog and reputation run as their packaged
 * applications (separate JVMs) on one PostgreSQL server (a database each), one Kafka broker and an OIDC server.
 * REST → catalog database + outbox → relay → Kafka → reputation inbox → reputation database.
 */
@org.junit.jupiter.api.Order(0)
class CatalogToReputationIT {

    static final String TOPIC = "marketplace.catalog.v1";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    static EmbeddedPostgresServer pg;
    static EmbeddedKafka kafka;
    static OidcWiremockTestResource oidc;
    static Path logs;
    static Map<String, String> catalogEnv;
    static ManagedProcess catalog;
    static ManagedProcess reputation;
    static int catalogPort;
    static int reputationPort;

    @BeforeAll
    static void startEverything() throws Exception {
        logs = Files.createDirectories(RepoRoot.get().resolve("system-tests/target/service-logs"));
        pg = EmbeddedPostgresServer.startEphemeral();
        pg.createDatabaseIfMissing("catalog");
        pg.createDatabaseIfMissing("reputation");
        kafka = EmbeddedKafka.start();
        kafka.createTopics(3, TOPIC, "marketplace.reputation.v1", TOPIC + ".dlq.reputation");
        oidc = new OidcWiremockTestResource();
        String realm = oidc.start().get("keycloak.url") + "/realms/quarkus";

        catalogPort = Ports.free();
        reputationPort = Ports.free();
        catalogEnv = env("catalog", realm);
        catalog = start("catalog", catalogPort, catalogEnv);
        reputation = start("reputation", reputationPort, env("reputation", realm));
    }

    static Map<String, String> env(String service, String realm) {
        return Map.of(
                "MARKETPLACE_CATALOG_LICENCE_KEY_SECRET", "system-test-licence-secret-" + UUID.randomUUID(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + pg.port() + "/" + service,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + service,
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", realm,
                "QUARKUS_OIDC_TOKEN_ISSUER", TestTokens.ISSUER,
                "QUARKUS_OIDC_TOKEN_AUDIENCE", TestTokens.AUDIENCE,
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }

    static ManagedProcess start(String service, int port, Map<String, String> env) {
        ManagedProcess p = ServiceLauncher.start(service, RepoRoot.get(), logs, javaBin(), port, env);
        p.awaitReady(() -> ServiceLauncher.ready(port), 180, "/q/health/ready");
        return p;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable c : new AutoCloseable[] { reputation, catalog, kafka, pg }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    @Test
    void aDraftCreatedInCatalogBecomesKnownToReputation() {
        String user = "nina-" + UUID.randomUUID();
        String asset = given().baseUri(catalog()).auth().oauth2(TestTokens.provider(user))
                .contentType("application/json").body("{\"kind\":\"DATASET\",\"name\":\"Common Crawl subset\"}")
                .post("/v1/assets").then().statusCode(201).extract().path("id");

        await().atMost(PATIENCE).untilAsserted(() -> given().baseUri(reputation())
                .get("/v1/reputation/assets/" + asset).then().statusCode(200)
                .body("ownerId", equalTo(TestTokens.subjectOf(user))).body("kind", equalTo("DATASET")));
        given().baseUri(reputation()).auth().oauth2(TestTokens.provider(user)).get("/v1/reputation/providers/me")
                .then().statusCode(200).body("assetCount", equalTo(1));
    }

    @Test
    void catalogKilledBetweenPublishAndMarkRepublishesAndReputationAppliesOnce() throws Exception {
        String user = "omar-" + UUID.randomUUID();
        // Hold the relay inside its mark step for this probe only, so we can kill the process right there.
        sql("catalog", """
                create or replace function hold_mark() returns trigger language plpgsql as $$
                begin perform pg_sleep(300); return new; end $$""",
                "drop trigger if exists hold_mark on outbox",
                """
                create trigger hold_mark before update of published_at on outbox for each row
                when (position('kill-probe' in convert_from(new.payload, 'UTF8')) > 0) execute function hold_mark()""");
        double duplicatesBefore = reputationDuplicates();

        String asset = given().baseUri(catalog()).auth().oauth2(TestTokens.provider(user))
                .contentType("application/json").body("{\"kind\":\"MODEL\",\"name\":\"kill-probe\"}")
                .post("/v1/assets").then().statusCode(201).extract().path("id");

        // Published (Kafka acknowledged) but not marked: the relay sits in the trigger.
        assertThat(TopicReader.byKey(kafka.bootstrapServers(), TOPIC, asset, 1, PATIENCE)).hasSize(1);
        await().atMost(PATIENCE).until(() -> queryLong("catalog",
                "select count(*) from pg_stat_activity where query like 'update outbox set published_at%' and state = 'active'") == 1);
        assertThat(queryLong("catalog", "select count(*) from outbox where aggregate_id = '" + asset + "' and published_at is null"))
                .isEqualTo(1);

        catalog.kill();
        // The dead process's transaction would linger until PostgreSQL notices the socket; end it as a restart would.
        sql("catalog", "select pg_terminate_backend(pid) from pg_stat_activity where query like 'update outbox set published_at%'",
                "drop trigger hold_mark on outbox", "drop function hold_mark()");
        catalog = start("catalog", catalogPort, catalogEnv);

        List<ConsumerRecord<String, byte[]>> copies = TopicReader.byKey(kafka.bootstrapServers(), TOPIC, asset, 2, PATIENCE);
        assertThat(copies).hasSizeGreaterThanOrEqualTo(2);
        assertThat(copies.stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getString("id"))
                .collect(Collectors.toSet())).as("every copy carries the same event id").hasSize(1);
        await().atMost(PATIENCE).until(() -> queryLong("catalog",
                "select count(*) from outbox where aggregate_id = '" + asset + "' and published_at is not null") == 1);

        await().atMost(PATIENCE).until(() -> reputationDuplicates() >= duplicatesBefore + 1);
        assertThat(queryLong("reputation",
                "select asset_count from provider_profile where provider_id = '" + TestTokens.subjectOf(user) + "'"))
                .as("the provider's asset count grows once").isEqualTo(1);
        assertThat(queryLong("reputation", "select count(*) from asset_projection where asset_id = '" + asset + "'"))
                .isEqualTo(1);
    }

    static String catalog() {
        return "http://127.0.0.1:" + catalogPort;
    }

    static String reputation() {
        return "http://127.0.0.1:" + reputationPort;
    }

    static double reputationDuplicates() {
        String metrics = given().baseUri(reputation()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile(
                "marketplace_inbox_events_total\\{[^}]*consumer=\"reputation.catalog-projection\"[^}]*outcome=\"duplicate\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static Connection db(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + name,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    static void sql(String database, String... statements) throws SQLException {
        try (var c = db(database); var st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static long queryLong(String database, String query) throws SQLException {
        try (var c = db(database); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
