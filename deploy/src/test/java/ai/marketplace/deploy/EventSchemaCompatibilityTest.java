package ai.marketplace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.testsupport.host.RepoRoot;

/**
 * Partners build on the event schemas in docs/events, so a published {@code .v1} type may only grow: this test
 * compares every schema with {@code docs/events/compatibility-baseline.json} and fails when a type disappears or a
 * field is removed, renamed (= removed), retyped or newly required. Breaking changes need a new type ({@code .v2});
 * additive changes are fine — refresh the baseline with the command printed on failure.
 */
class EventSchemaCompatibilityTest {

    static final Path EVENTS = RepoRoot.get().resolve("docs/events");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noPublishedEventTypeChangesInAWayThatBreaksConsumers() throws IOException {
        JsonNode baseline = JSON.readTree(EVENTS.resolve("compatibility-baseline.json").toFile());
        Map<String, JsonNode> current = current();
        List<String> breaking = breakingChanges(baseline, current);
        assertThat(breaking).as("breaking changes to published event types (publish a .v2 type instead); for additive"
                + " changes refresh the baseline: python3 deploy/refresh-event-baseline.py").isEmpty();
        assertThat(current.keySet()).as("every schema is in the baseline (run python3 deploy/refresh-event-baseline.py)")
                .isSubsetOf(iterable(baseline.fieldNames()));
    }

    @Test
    void theCheckNoticesRemovedRetypedAndNewlyRequiredFields() throws IOException {
        JsonNode baseline = JSON.readTree(EVENTS.resolve("compatibility-baseline.json").toFile());
        Map<String, JsonNode> current = current();
        String type = "ai.marketplace.compute.LeaseEnded.v1";
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) current.get(type).deepCopy();
        var props = (com.fasterxml.jackson.databind.node.ObjectNode) broken.get("properties");
        props.remove("usedAmount");
        props.put("usedGpuSeconds", "string");
        props.put("note", "string");
        ((com.fasterxml.jackson.databind.node.ArrayNode) broken.get("required")).add("note");
        current.put(type, broken);
        current.remove("ai.marketplace.settlement.PaymentHeld.v1");
        assertThat(breakingChanges(baseline, current)).containsExactlyInAnyOrder(
                type + ": field usedAmount removed or renamed",
                type + ": field usedGpuSeconds retyped \"integer\" → \"string\"",
                type + ": field note newly required",
                "ai.marketplace.settlement.PaymentHeld.v1: schema removed");
    }

    @Test
    void eachServicesAsyncApiDocumentCoversEveryOneOfItsEventSchemas() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EVENTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
                String service = f.getParent().getFileName().toString();
                Path doc = RepoRoot.get().resolve("docs/asyncapi/" + service + ".asyncapi.yaml");
                String text = Files.exists(doc) ? Files.readString(doc) : "";
                if (!text.contains("$ref: '../events/" + service + "/" + f.getFileName() + "'")) {
                    missing.add(service + "/" + f.getFileName());
                }
            }
        }
        assertThat(missing).as("schemas missing from docs/asyncapi (run python3 deploy/generate-asyncapi.py)").isEmpty();
    }

    static List<String> breakingChanges(JsonNode baseline, Map<String, JsonNode> current) {
        List<String> breaking = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.fields(); it.hasNext();) {
            var e = it.next();
            String type = e.getKey();
            JsonNode now = current.get(type);
            if (now == null) {
                breaking.add(type + ": schema removed");
                continue;
            }
            JsonNode was = e.getValue();
            Set<String> wasRequired = strings(was.path("required"));
            for (Iterator<Map.Entry<String, JsonNode>> f = was.path("properties").fields(); f.hasNext();) {
                var field = f.next();
                JsonNode nowType = now.path("properties").get(field.getKey());
                if (nowType == null) {
                    breaking.add(type + ": field " + field.getKey() + " removed or renamed");
                } else if (!nowType.equals(field.getValue())) {
                    breaking.add(type + ": field " + field.getKey() + " retyped " + field.getValue() + " → " + nowType);
                }
            }
            for (String r : strings(now.path("required"))) {
                if (!wasRequired.contains(r)) {
                    breaking.add(type + ": field " + r + " newly required");
                }
            }
        }
        return breaking;
    }

    static Map<String, JsonNode> current() throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(EVENTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
                JsonNode schema = JSON.readTree(f.toFile());
                var entry = JSON.createObjectNode();
                var props = entry.putObject("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                    var p = it.next();
                    JsonNode t = p.getValue().has("type") ? p.getValue().get("type")
                            : JSON.getNodeFactory().textNode(p.getValue().has("enum") ? "enum" : "any");
                    props.set(p.getKey(), t);
                }
                var required = entry.putArray("required");
                strings(schema.path("required")).stream().sorted().forEach(required::add);
                String service = f.getParent().getFileName().toString();
                out.put("ai.marketplace." + service + "." + f.getFileName().toString().replace(".schema.json", ""), entry);
            }
        }
        return out;
    }

    static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
