package ai.marketplace.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import ai.marketplace.testsupport.TopicReader;

/**
 * Reads every event on the services' topics and validates its {@code data} against the JSON Schema published
 * in {@code docs/events/<service>/<Event>.v1.schema.json} (networknt validator, draft 2020-12). An event type
 * without a schema is a violation too.
 */
final class EventContracts {

    record Report(int validated, int schemas, List<String> violations) {
    }

    private EventContracts() {
    }

    static Report validateAll(Path repo, String bootstrap) {
        ObjectMapper json = new ObjectMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        try (Stream<Path> files = Files.walk(repo.resolve("docs/events"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
                String service = f.getParent().getFileName().toString();
                String type = "ai.marketplace." + service + "." + f.getFileName().toString().replace(".schema.json", "");
                schemas.put(type, factory.getSchema(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> violations = new ArrayList<>();
        int validated = 0;
        for (String topic : List.of("marketplace.catalog.v1", "marketplace.compute.v1", "marketplace.settlement.v1",
                "marketplace.settlement.private.v1", "marketplace.reputation.v1", "marketplace.partner.v1")) {
            for (var r : TopicReader.read(bootstrap, topic, x -> true, 1, Duration.ofSeconds(10))) {
                try {
                    JsonNode event = json.readTree(new String(r.value(), StandardCharsets.UTF_8));
                    String type = event.path("type").asText();
                    JsonSchema schema = schemas.get(type);
                    if (schema == null) {
                        violations.add(type + " (" + topic + "): no schema in docs/events");
                        continue;
                    }
                    Set<ValidationMessage> errors = schema.validate(event.path("data"));
                    if (!errors.isEmpty()) {
                        violations.add(type + " " + event.path("id").asText() + ": " + errors);
                    }
                    validated++;
                } catch (IOException e) {
                    violations.add(topic + " offset " + r.offset() + ": not JSON");
                }
            }
        }
        return new Report(validated, schemas.size(), violations);
    }
}
