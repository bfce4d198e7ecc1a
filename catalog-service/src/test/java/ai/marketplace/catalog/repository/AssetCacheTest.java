package ai.marketplace.catalog.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.marketplace.catalog.Catalog;
import ai.marketplace.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reads by id come from memory, and a change committed by anyone (here plain SQL, as an operator's fix or a restore
 * script would make it) is never served stale once its commit is acknowledged, also while the cache's listening
 * connection is cut and comes back. Two replicas against one database: ContainerIT.
 */
@QuarkusTest
class AssetCacheTest {

    @Inject AssetCache cache;

    @Test
    void aPublishedAssetIsServedFromMemoryUntilItsRowChanges() throws SQLException {
        String asset = Catalog.published("cache-owner-" + UUID.randomUUID(), "Cached model")[0];
        awaitCoherent();
        assertName(asset, "Cached model");
        double hits = hits();
        assertName(asset, "Cached model");
        given().get("/v1/assets/" + asset).then().statusCode(200);
        assertThat(hits()).as("the second and third reads are hits").isEqualTo(hits + 2);

        for (int i = 1; i <= 20; i++) {
            rename(asset, "Renamed " + i);
            assertName(asset, "Renamed " + i);
            assertName(asset, "Renamed " + i);
        }
        // Delisting by SQL (an operator's emergency stop) hides nothing here: a delisted asset is still readable by
        // id, and it says so at once.
        sql("update asset set state = 'DELISTED', version = version + 1 where id = '" + asset + "'");
        given().get("/v1/assets/" + asset).then().statusCode(200).body("state", equalTo("DELISTED"));
    }

    @Test
    void whileTheListeningConnectionIsCutReadsGoToTheDatabaseAndAfterwardsTheCacheStartsEmpty() throws SQLException {
        String asset = heldInMemory("cache-cut-", "Cut model");

        sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '" + AssetCache.APPLICATION_NAME + "'");
        // Changed while nobody may be listening: the notification is lost, the read must not be.
        rename(asset, "Changed while cut");
        assertName(asset, "Changed while cut");

        awaitCoherent();
        assertName(asset, "Changed while cut");
        double hits = hits();
        assertName(asset, "Changed while cut");
        assertThat(hits()).as("cached again once listening").isEqualTo(hits + 1);
        rename(asset, "Changed after");
        assertName(asset, "Changed after");
    }

    @Test
    void writesWithTriggersOffNeedTheCatchAllNotificationWhichDropsEverything() throws SQLException {
        String asset = heldInMemory("cache-bulk-", "Bulk model");
        // A bulk load or pg_restore --disable-triggers writes without notifying; then the operator sends the
        // empty notification (what TRUNCATE's trigger sends), and no replica keeps anything it held.
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute("set session_replication_role = replica");
            st.execute("update asset set name = 'Bulk loaded', version = version + 1 where id = '" + asset + "'");
        }
        assertName(asset, "Bulk model");
        sql("select pg_notify('asset_changed', '')");
        assertName(asset, "Bulk loaded");
    }

    @Test
    void activePlansAreServedFromMemoryUntilAPlanChanges() throws SQLException {
        String owner = "cache-plans-" + UUID.randomUUID();
        String asset = Catalog.published(owner, "Planned model")[0];
        String plans = "/v1/assets/" + asset + "/plans";
        awaitCoherent();
        given().get(plans).then().statusCode(200).body("size()", equalTo(1));
        double hits = hits("catalog.plans");
        given().get(plans).then().statusCode(200).body("size()", equalTo(1));
        assertThat(hits("catalog.plans")).as("the second list is a hit").isEqualTo(hits + 1);

        Catalog.plan(owner, asset);
        given().get(plans).then().statusCode(200).body("size()", equalTo(2));
        given().get(plans).then().statusCode(200).body("size()", equalTo(2));
        sql("update pricing_plan set state = 'ARCHIVED', archived_at = now() where asset_id = '" + asset + "'");
        given().get(plans).then().statusCode(200).body("size()", equalTo(0));
        // The owner's view with archived plans is read from the database, and another's draft has no plans to show.
        given().auth().oauth2(Catalog.token(owner)).queryParam("includeArchived", true).get(plans)
                .then().statusCode(200).body("size()", equalTo(2));
        String draft = Catalog.draft(owner, "Unpublished");
        given().get("/v1/assets/" + draft + "/plans").then().statusCode(404);
    }

    @Test
    void draftsAreNotKeptAndStayPrivate() {
        String owner = "cache-draft-" + UUID.randomUUID();
        String draft = Catalog.draft(owner, "Private draft");
        awaitCoherent();
        double hits = hits();
        given().auth().oauth2(Catalog.token(owner)).get("/v1/assets/" + draft).then().statusCode(200);
        given().auth().oauth2(Catalog.token(owner)).get("/v1/assets/" + draft).then().statusCode(200);
        given().get("/v1/assets/" + draft).then().statusCode(404);
        assertThat(hits()).isEqualTo(hits);
    }

    /** A published asset, read twice once the cache listens, so that this replica holds it. */
    private String heldInMemory(String ownerPrefix, String name) {
        String asset = Catalog.published(ownerPrefix + UUID.randomUUID(), name)[0];
        awaitCoherent();
        given().get("/v1/assets/" + asset).then().statusCode(200);
        assertName(asset, name);
        return asset;
    }

    private static void assertName(String asset, String name) {
        given().get("/v1/assets/" + asset).then().statusCode(200).body("name", equalTo(name));
    }

    private void awaitCoherent() {
        await().atMost(Duration.ofSeconds(30)).until(cache::coherent);
    }

    private static void rename(String asset, String name) throws SQLException {
        sql("update asset set name = '" + name + "', version = version + 1 where id = '" + asset + "'");
    }

    private static void sql(String statement) throws SQLException {
        try (var c = PostgresResource.connection(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static double hits() {
        return hits("catalog.assets");
    }

    private static double hits(String cache) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^cache_gets_total\\{(?=[^}]*cache=\"" + Pattern.quote(cache) + "\")(?=[^}]*result=\"hit\")[^}]*\\} ([0-9.E+-]+)$")
                .matcher(metrics);
        assertThat(m.find()).as("the cache's hit counter is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
