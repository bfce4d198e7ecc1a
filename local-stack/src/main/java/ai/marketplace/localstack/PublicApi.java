package ai.marketplace.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The public {@code /v1} API as one OpenAPI document: the services' own documents merged, as the gateway serves
 * them and as {@code docs/openapi/marketplace-v1.json} commits them (the clients are generated from that file).
 * <p>
 * Merging refuses rather than guesses: two services may describe the same operation or schema only identically
 * (every service serves the dead-letter operations under its own name, with the same shape), otherwise the merge
 * fails naming the clash, so one service can never silently redefine another's type for the clients.
 */
public final class PublicApi {

    public static final String TITLE = "AI marketplace API";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private PublicApi() {
    }

    /** Merges the services' documents, in the order given; {@code serverUrl} is where clients send requests. */
    public static JsonObject merge(Map<String, JsonObject> documents, String serverUrl) {
        JsonObject merged = new JsonObject();
        JsonObject first = documents.values().iterator().next();
        merged.put("openapi", first.getString("openapi"));
        StringBuilder description = new StringBuilder("The marketplace's public HTTP API behind the gateway, one document for ")
                .append(String.join(", ", documents.keySet().stream().map(s -> s + "-service").toList()))
                .append(". Amounts are decimal strings of the token's base units; lists are pages with an opaque `nextCursor`;"
                        + " writes that change a versioned resource need `If-Match` with its `ETag`; every error is"
                        + " application/problem+json whose `type` is listed in the error catalog (docs/errors.md).");
        merged.put("info", new JsonObject().put("title", TITLE).put("version", first.getJsonObject("info").getString("version"))
                .put("description", description.toString())
                .put("license", new JsonObject().put("name", "Apache-2.0").put("identifier", "Apache-2.0")));
        merged.put("servers", new JsonArray().add(new JsonObject().put("url", serverUrl).put("description", "the gateway")));

        Map<String, JsonObject> tags = new TreeMap<>();
        Map<String, JsonObject> paths = new TreeMap<>();
        Map<String, JsonObject> schemas = new TreeMap<>();
        Map<String, JsonObject> schemes = new TreeMap<>();
        Map<String, String> operationIds = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        documents.forEach((service, doc) -> {
            for (Object t : doc.getJsonArray("tags", new JsonArray())) {
                JsonObject tag = (JsonObject) t;
                JsonObject seen = tags.putIfAbsent(tag.getString("name"), tag);
                if (seen != null && !seen.equals(tag)) {
                    clashes.add("tag " + tag.getString("name") + " (" + service + ")");
                }
            }
            JsonObject docPaths = doc.getJsonObject("paths", new JsonObject());
            for (String path : docPaths.fieldNames()) {
                if (!path.startsWith("/v1/")) {
                    continue;
                }
                JsonObject item = docPaths.getJsonObject(path);
                JsonObject into = paths.computeIfAbsent(path, p -> new JsonObject());
                for (String method : item.fieldNames()) {
                    JsonObject op = item.getJsonObject(method);
                    JsonObject seen = into.getJsonObject(method);
                    if (seen != null) {
                        if (!seen.equals(op)) {
                            clashes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path + " (" + service + ")");
                        }
                        continue;
                    }
                    into.put(method, op);
                    String id = op.getString("operationId");
                    if (id != null && operationIds.putIfAbsent(id, method + " " + path) != null) {
                        clashes.add("operationId " + id + " (" + service + ": " + method + " " + path + ", and "
                                + operationIds.get(id) + ")");
                    }
                }
            }
            JsonObject components = doc.getJsonObject("components", new JsonObject());
            collect(components.getJsonObject("schemas", new JsonObject()), schemas, "schema", service, clashes);
            collect(components.getJsonObject("securitySchemes", new JsonObject()), schemes, "security scheme", service, clashes);
        });
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("The services' OpenAPI documents disagree; rename or align: " + clashes);
        }
        merged.put("tags", new JsonArray(new ArrayList<>(tags.values())));
        JsonObject outPaths = new JsonObject();
        paths.forEach((path, item) -> {
            JsonObject ordered = new JsonObject();
            METHODS.stream().filter(item::containsKey).forEach(m -> ordered.put(m, item.getJsonObject(m)));
            outPaths.put(path, ordered);
        });
        merged.put("paths", outPaths);
        merged.put("components", new JsonObject().put("schemas", new JsonObject(new java.util.LinkedHashMap<>(schemas)))
                .put("securitySchemes", new JsonObject(new java.util.LinkedHashMap<>(schemes))));
        return merged;
    }

    private static void collect(JsonObject from, Map<String, JsonObject> into, String what, String service,
            List<String> clashes) {
        for (String name : from.fieldNames()) {
            JsonObject value = from.getJsonObject(name);
            JsonObject seen = into.putIfAbsent(name, value);
            if (seen != null && !seen.equals(value)) {
                clashes.add(what + " " + name + " (" + service + ")");
            }
        }
    }

    /** Operations, as {@code METHOD path}, that document no 4xx answer with the problem schema and an example. */
    public static List<String> withoutDocumentedProblems(JsonObject document) {
        List<String> missing = new ArrayList<>();
        forEachOperation(document, (operation, responses) -> {
            boolean documented = responses.fieldNames().stream().filter(c -> c.startsWith("4")).anyMatch(c -> {
                JsonObject media = responses.getJsonObject(c).getJsonObject("content", new JsonObject())
                        .getJsonObject("application/problem+json");
                return media != null && media.containsKey("example")
                        && "#/components/schemas/Problem".equals(media.getJsonObject("schema", new JsonObject()).getString("$ref"));
            });
            if (!documented) {
                missing.add(operation);
            }
        });
        return missing;
    }

    /** Success answers that say they carry JSON but give no schema for it: a generated client could not read them. */
    public static List<String> withoutResponseSchemas(JsonObject document) {
        List<String> missing = new ArrayList<>();
        forEachOperation(document, (operation, responses) -> {
            for (String code : responses.fieldNames()) {
                JsonObject content = responses.getJsonObject(code).getJsonObject("content");
                if (code.startsWith("2") && content != null
                        && content.stream().anyMatch(e -> !((JsonObject) e.getValue()).containsKey("schema"))) {
                    missing.add(operation + " " + code);
                }
            }
        });
        return missing;
    }

    /** Each operation of the document as {@code METHOD path}, with its responses. */
    private static void forEachOperation(JsonObject document, java.util.function.BiConsumer<String, JsonObject> visit) {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                visit.accept(method.toUpperCase(java.util.Locale.ROOT) + " " + path,
                        item.getJsonObject(method).getJsonObject("responses", new JsonObject()));
            }
        }
    }
}
