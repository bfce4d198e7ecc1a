package ai.marketplace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.marketplace.localstack.LocalStackMain;
import ai.marketplace.localstack.PublicApi;
import ai.marketplace.testsupport.host.RepoRoot;
import io.vertx.core.json.JsonObject;

/**
 * The committed public API document ({@code docs/openapi/marketplace-v1.json}, what the Java and TypeScript clients
 * are generated from) is exactly the merge of what the services' builds generate, and it documents every
 * operation's errors. Regenerate it with
 * {@code ./mvnw -pl deploy test -Dtest=PublicApiDocumentTest -Dmarketplace.openapi.write=true}.
 */
class PublicApiDocumentTest {

    static final Path REPO = RepoRoot.get();
    static final Path COMMITTED = REPO.resolve("docs/openapi/marketplace-v1.json");
    static final String SERVER = "http://127.0.0.1:8080";

    static JsonObject generated() throws IOException {
        Map<String, JsonObject> docs = new LinkedHashMap<>();
        for (String service : LocalStackMain.SERVICES) {
            Path doc = REPO.resolve(service + "-service/target/openapi/openapi.json");
            assertThat(doc).as("%s-service's build writes its OpenAPI document", service).exists();
            docs.put(service, new JsonObject(Files.readString(doc)));
        }
        return PublicApi.merge(docs, SERVER);
    }

    @Test
    void theCommittedDocumentIsWhatTheServicesGenerate() throws IOException {
        String generated = generated().encodePrettily() + "\n";
        if (Boolean.getBoolean("marketplace.openapi.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("docs/openapi/marketplace-v1.json; regenerate it: ./mvnw -pl deploy test "
                + "-Dtest=PublicApiDocumentTest -Dmarketplace.openapi.write=true").exists();
        assertThat(Files.readString(COMMITTED)).as("docs/openapi/marketplace-v1.json is stale; regenerate it: ./mvnw -pl "
                + "deploy test -Dtest=PublicApiDocumentTest -Dmarketplace.openapi.write=true").isEqualTo(generated);
    }

    @Test
    void everyOperationDocumentsItsErrorsAndItsAnswers() throws IOException {
        JsonObject doc = generated();
        int operations = doc.getJsonObject("paths").stream().mapToInt(e -> ((JsonObject) e.getValue()).size()).sum();
        assertThat(operations).as("operations in the public API").isGreaterThan(50);
        assertThat(PublicApi.withoutDocumentedProblems(doc))
                .as("operations without a 4xx answer that has the Problem schema and an example").isEmpty();
        assertThat(PublicApi.withoutResponseSchemas(doc)).as("JSON answers without a schema").isEmpty();
    }

    @Test
    void anOperationWithoutItsErrorsOrItsAnswersSchemaIsReported() {
        JsonObject doc = new JsonObject().put("paths", new JsonObject().put("/v1/things", new JsonObject().put("get",
                new JsonObject().put("responses", new JsonObject().put("200", new JsonObject().put("content",
                        new JsonObject().put("application/json", new JsonObject())))))));
        assertThat(PublicApi.withoutDocumentedProblems(doc)).containsExactly("GET /v1/things");
        assertThat(PublicApi.withoutResponseSchemas(doc)).containsExactly("GET /v1/things 200");
    }

    @Test
    void aServiceCannotRedefineAnotherServicesSchema() {
        JsonObject a = new JsonObject().put("openapi", "3.1.0").put("info", new JsonObject().put("version", "1"))
                .put("paths", new JsonObject()).put("components", new JsonObject().put("schemas",
                        new JsonObject().put("View", new JsonObject().put("type", "object"))));
        JsonObject b = a.copy();
        b.getJsonObject("components").getJsonObject("schemas").put("View", new JsonObject().put("type", "string"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublicApi.merge(Map.of("a", a, "b", b), SERVER))
                .hasMessageContaining("schema View");
    }
}
