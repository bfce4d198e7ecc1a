package ai.marketplace.catalog.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness follows the database; liveness does not (a restart would not bring the database back). */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndRecovers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));

        var pg = PostgresResource.server();
        pg.stop();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            pg.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
    }
}
