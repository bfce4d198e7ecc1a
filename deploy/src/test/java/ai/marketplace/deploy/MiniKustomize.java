package ai.marketplace.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The subset of Kustomize our overlays use — {@code resources}, {@code components}, {@code labels} (metadata only),
 * {@code namespace}, {@code images}, {@code replicas}, JSON 6902 {@code patches} with a kind/name/group target and
 * {@code replacements} (kind/name selects, field paths with {@code [key=value]} list items, delimiter and index),
 * dropping {@code config.kubernetes.io/local-config} resources from the output — so the manifests
 * are validated on machines without kubectl. {@code KubernetesManifestsTest} checks it renders exactly what
 * {@code kubectl kustomize} renders wherever kubectl exists.
 */
final class MiniKustomize {

    static final ObjectMapper YAML = new YAMLMapper();

    private MiniKustomize() {
    }

    static List<JsonNode> render(Path dir) throws IOException {
        List<JsonNode> objects = build(dir);
        objects.removeIf(o -> o.path("metadata").path("annotations").path("config.kubernetes.io/local-config").asText().equals("true"));
        return objects;
    }

    private static List<JsonNode> build(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p));
            } else {
                try (var parser = new YAMLFactory().createParser(p.toFile())) {
                    var it = YAML.readValues(parser, JsonNode.class);
                    while (it.hasNext()) {
                        JsonNode doc = it.next();
                        if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                            objects.add(doc);
                        }
                    }
                }
            }
        }
        // A component transforms the resources gathered so far, before this kustomization's own transformers.
        for (JsonNode c : k.path("components")) {
            JsonNode component = YAML.readTree(dir.resolve(c.asText()).normalize().resolve("kustomization.yaml").toFile());
            replace(component.path("replacements"), objects);
        }
        for (JsonNode l : k.path("labels")) {
            for (JsonNode o : objects) {
                ObjectNode labels = ((ObjectNode) o.path("metadata")).with("labels");
                l.path("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            }
        }
        if (k.has("namespace")) {
            objects.forEach(o -> ((ObjectNode) o.path("metadata")).put("namespace", k.path("namespace").asText()));
        }
        for (JsonNode image : k.path("images")) {
            for (JsonNode o : objects) {
                for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                    String current = c.path("image").asText();
                    String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                    if (name.equals(image.path("name").asText())) {
                        String newName = image.path("newName").asText(name);
                        String tag = image.has("newTag") ? image.path("newTag").asText()
                                : current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : "latest";
                        ((ObjectNode) c).put("image", newName + ":" + tag);
                    }
                }
            }
        }
        for (JsonNode r : k.path("replicas")) {
            for (JsonNode o : objects) {
                if (o.path("metadata").path("name").asText().equals(r.path("name").asText())
                        && o.path("spec").has("replicas") && List.of("Deployment", "StatefulSet").contains(o.path("kind").asText())) {
                    ((ObjectNode) o.path("spec")).put("replicas", r.path("count").asInt());
                }
            }
        }
        for (JsonNode p : k.path("patches")) {
            JsonNode target = p.path("target");
            JsonNode ops = YAML.readTree(p.path("patch").asText());
            for (JsonNode o : objects) {
                if (matches(target, o)) {
                    for (JsonNode op : ops) {
                        apply((ObjectNode) o, op);
                    }
                }
            }
        }
        replace(k.path("replacements"), objects);
        return objects;
    }

    static void replace(JsonNode replacements, List<JsonNode> objects) {
        for (JsonNode r : replacements) {
            JsonNode source = r.path("source");
            JsonNode from = objects.stream().filter(o -> matches(source, o)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("replacement source not found: " + source));
            JsonNode value = resolve(from, source.path("fieldPath").asText("metadata.name"));
            if (value == null) {
                throw new IllegalArgumentException("replacement source field not found: " + source);
            }
            for (JsonNode t : r.path("targets")) {
                List<JsonNode> selected = objects.stream().filter(o -> matches(t.path("select"), o)).toList();
                for (JsonNode o : selected) {
                    for (JsonNode fieldPath : t.path("fieldPaths")) {
                        set(o, fieldPath.asText(), value, t.path("options"));
                    }
                }
            }
        }
    }

    /** A Kustomize field path: dot-separated keys, list indexes, and {@code [key=value]} for the list item with that key. */
    static JsonNode resolve(JsonNode root, String fieldPath) {
        JsonNode n = root;
        for (String segment : fieldPath.split("\\.(?![^\\[]*\\])")) {
            n = step(n, segment);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static JsonNode step(JsonNode n, String segment) {
        if (segment.startsWith("[") && segment.endsWith("]") && n.isArray()) {
            String[] kv = segment.substring(1, segment.length() - 1).split("=", 2);
            for (JsonNode item : n) {
                if (item.path(kv[0]).asText().equals(kv[1])) {
                    return item;
                }
            }
            return null;
        }
        if (n.isArray() && segment.matches("\\d+")) {
            int i = Integer.parseInt(segment);
            return i < n.size() ? n.get(i) : null;
        }
        JsonNode next = n.get(segment);
        return next == null || next.isMissingNode() ? null : next;
    }

    private static void set(JsonNode o, String fieldPath, JsonNode value, JsonNode options) {
        String[] segments = fieldPath.split("\\.(?![^\\[]*\\])");
        JsonNode parent = o;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = step(parent, segments[i]);
            if (parent == null) {
                throw new IllegalArgumentException("replacement target field not found: " + fieldPath);
            }
        }
        String last = segments[segments.length - 1];
        JsonNode current = step(parent, last);
        if (current == null) {
            throw new IllegalArgumentException("replacement target field not found: " + fieldPath);
        }
        JsonNode replacement = value;
        if (options.has("delimiter")) {
            String delimiter = options.path("delimiter").asText();
            String[] parts = current.asText().split(java.util.regex.Pattern.quote(delimiter), -1);
            parts[options.path("index").asInt(0)] = value.asText();
            replacement = YAML.getNodeFactory().textNode(String.join(delimiter, parts));
        }
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), replacement);
        } else {
            ((ObjectNode) parent).set(last, replacement);
        }
    }

    static boolean matches(JsonNode target, JsonNode o) {
        if (target.has("kind") && !target.path("kind").asText().equals(o.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !target.path("name").asText().equals(o.path("metadata").path("name").asText())) {
            return false;
        }
        if (target.has("group")) {
            String apiVersion = o.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            return group.equals(target.path("group").asText());
        }
        return true;
    }

    /** JSON Patch {@code replace} and {@code add} (the operations our overlays use). */
    static void apply(ObjectNode root, JsonNode op) {
        String kind = op.path("op").asText();
        if (!kind.equals("replace") && !kind.equals("add")) {
            throw new IllegalArgumentException("unsupported patch op " + kind + " (MiniKustomize knows add and replace)");
        }
        JsonPointer path = JsonPointer.compile(op.path("path").asText());
        JsonNode parent = root.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            if (last.equals("-")) {
                a.add(op.get("value"));
            } else if (kind.equals("add")) {
                a.insert(Integer.parseInt(last), op.get("value"));
            } else {
                a.set(Integer.parseInt(last), op.get("value"));
            }
        } else if (parent.isObject()) {
            if (kind.equals("replace") && !parent.has(last)) {
                throw new IllegalArgumentException("replace of a missing path " + op.path("path").asText());
            }
            ((ObjectNode) parent).set(last, op.get("value"));
        } else {
            throw new IllegalArgumentException("no such path " + op.path("path").asText());
        }
    }
}
