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
 * The subset of Kustomize our overlays use — {@code resources}, {@code labels} (metadata only), {@code namespace},
 * {@code images}, {@code replicas} and JSON 6902 {@code patches} with a kind/name/group target — so the manifests
 * are validated on machines without kubectl. {@code KubernetesManifestsTest} checks it renders exactly what
 * {@code kubectl kustomize} renders wherever kubectl exists.
 */
final class MiniKustomize {

    static final ObjectMapper YAML = new YAMLMapper();

    private MiniKustomize() {
    }

    static List<JsonNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(render(p));
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
        return objects;
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
