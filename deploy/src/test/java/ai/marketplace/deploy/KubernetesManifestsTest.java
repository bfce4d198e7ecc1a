package ai.marketplace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import ai.marketplace.testsupport.host.RepoRoot;

/**
 * Renders every overlay under deploy/kubernetes (with {@code kubectl kustomize} when it is installed, otherwise
 * with {@link MiniKustomize}, which is held to kubectl's output whenever both are there) and checks every object:
 * it parses into the typed model of its kind (fabric8 for Kubernetes and Gateway API, Strimzi's API classes)
 * without a single unknown field; every Deployment is hardened and probed; every Service is covered by a
 * NetworkPolicy; the HTTPRoutes expose exactly the public paths in each service's OpenAPI document.
 */
class KubernetesManifestsTest {

    static final Path REPO = RepoRoot.get();
    static final Path K8S = REPO.resolve("deploy/kubernetes");
    static final ObjectMapper YAML = new YAMLMapper();
    static final Map<String, Class<?>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class);
        MODELS.put("v1/Service", io.fabric8.kubernetes.api.model.Service.class);
        MODELS.put("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class);
        MODELS.put("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class);
        MODELS.put("autoscaling/v2/HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
        MODELS.put("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class);
        MODELS.put("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        MODELS.put("gateway.networking.k8s.io/v1/Gateway", io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class);
        MODELS.put("gateway.networking.k8s.io/v1/HTTPRoute", io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class);
        MODELS.put("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class);
        MODELS.put("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class);
        MODELS.put("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);
        MODELS.put("kafka.strimzi.io/v1beta2/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);
    }

    /** Operator CRDs without a Java model here: checked for shape (and by the generator's single source). */
    static final Set<String> SHAPE_ONLY = Set.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup",
            "k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
            "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PrometheusRule");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyObjectOfTheOverlayIsValidForItsKindWithoutUnknownFields(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        assertThat(objects).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            String key = o.path("apiVersion").asText() + "/" + o.path("kind").asText();
            String name = key + " " + o.path("metadata").path("name").asText();
            assertThat(o.path("metadata").path("namespace").asText()).as(name).isEqualTo(overlay.equals("dev") ? "marketplace-dev" : "marketplace");
            Class<?> model = MODELS.get(key);
            if (model != null) {
                Object typed = YAML.treeToValue(o, model);
                unknownFields(typed, name, problems, new IdentityHashMap<>());
            } else if (SHAPE_ONLY.contains(key)) {
                if (o.path("metadata").path("name").asText().isEmpty() || !o.has("spec")) {
                    problems.add(name + ": needs metadata.name and spec");
                }
            } else {
                problems.add(name + ": kind not validated by this test (add its model)");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyObjectWithAPublishedSchemaPassesItRequiredFieldsTypesAndEnums(String overlay) throws Exception {
        String out = schemaValidate(render(overlay));
        assertThat(out).as(out).contains("problems=0");
        assertThat(Integer.parseInt(out.replaceAll("(?s).*validated=(\\d+).*", "$1"))).isGreaterThanOrEqualTo(35);
    }

    @Test
    void theSchemaValidationCatchesAMissingRequiredFieldAndAWrongType() throws Exception {
        List<JsonNode> objects = new ArrayList<>(render("dev"));
        ObjectNode d = kind(objects, "Deployment").get(0).deepCopy();
        ((ObjectNode) d.path("spec")).remove("selector");                     // required
        ((ObjectNode) d.path("spec")).put("replicas", "two");                 // integer
        String out = schemaValidate(List.of(d));
        assertThat(out).contains("problems=1").contains("selector");
    }

    /** kubernetes-models (npm) on the rendered objects; installs its pinned packages the first time. */
    static String schemaValidate(List<JsonNode> objects) throws Exception {
        Path dir = K8S.resolve("validate");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            System.out.println("Installing kubernetes-models for manifest validation (npm ci, once)…");
            // Not inheritIO: a child writing to the fork's own stdout corrupts Surefire's channel and fails the build.
            Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(ci.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(log);
            assertThat(ci.waitFor()).as("npm ci in deploy/kubernetes/validate: needs Node 20+ and the npm registry\n" + log).isZero();
        }
        Process p = new ProcessBuilder("node", "validate.mjs").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write(new ObjectMapper().writeValueAsBytes(objects));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void unknownFieldsAreCaught() throws Exception {
        JsonNode deployment = render("dev").stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.path("spec").path("template").path("spec").path("containers").get(0)).put("imagePullPolicey", "Always");
        List<String> problems = new ArrayList<>();
        unknownFields(YAML.treeToValue(typo, io.fabric8.kubernetes.api.model.apps.Deployment.class), "typo", problems, new IdentityHashMap<>());
        assertThat(problems).hasSize(1).first().asString().contains("imagePullPolicey");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void deploymentsAreHardenedProbedAndBoundedAndEveryServiceHasANetworkPolicy(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode d : kind(objects, "Deployment")) {
            String n = d.path("metadata").path("name").asText();
            JsonNode pod = d.path("spec").path("template").path("spec");
            for (JsonNode c : pod.path("containers")) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (!c.path(probe).path("httpGet").path("path").asText().startsWith("/q/health/")) {
                        problems.add(n + ": " + probe + " not on a SmallRye Health endpoint");
                    }
                }
                for (String r : List.of("requests", "limits")) {
                    if (!c.path("resources").path(r).has("memory")) {
                        problems.add(n + ": no memory " + r);
                    }
                }
                JsonNode sc = c.path("securityContext");
                if (!sc.path("runAsNonRoot").asBoolean() || !sc.path("readOnlyRootFilesystem").asBoolean()
                        || sc.path("allowPrivilegeEscalation").asBoolean(true)
                        || !sc.path("capabilities").path("drop").toString().contains("ALL")) {
                    problems.add(n + ": container security context not hardened");
                }
                if (c.path("env").toString().matches(".*\"value\":\"[^\"]*(secret|password|key)[^\"]*\".*")) {
                    problems.add(n + ": a secret-looking literal in env (use secretKeyRef)");
                }
            }
        }
        for (JsonNode s : kind(objects, "Service")) {
            JsonNode selector = s.path("spec").path("selector");
            boolean covered = kind(objects, "NetworkPolicy").stream().anyMatch(p -> {
                JsonNode match = p.path("spec").path("podSelector").path("matchLabels");
                List<String> keys = new ArrayList<>();
                match.fieldNames().forEachRemaining(keys::add);
                return !keys.isEmpty() && keys.stream().allMatch(k -> selector.path(k).asText().equals(match.path(k).asText()));
            });
            if (!covered) {
                problems.add("Service " + s.path("metadata").path("name").asText() + " has no NetworkPolicy");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(kind(objects, "Deployment")).hasSize(4);
        assertThat(kind(objects, "NetworkPolicy")).hasSize(4);
        assertThat(kind(objects, "HorizontalPodAutoscaler")).hasSize(4);
        assertThat(kind(objects, "PodDisruptionBudget")).hasSize(4);
    }

    @Test
    void theRoutesExposeExactlyThePublicPathsOfEachServicesOpenApiDocument() throws Exception {
        List<JsonNode> objects = render("prod");
        for (String svc : List.of("catalog", "compute", "settlement", "reputation")) {
            Path doc = REPO.resolve(svc + "-service/target/openapi/openapi.yaml");
            assertThat(doc).as("built OpenAPI document of " + svc + " (./mvnw package)").exists();
            Set<String> api = new TreeSet<>();
            YAML.readTree(doc.toFile()).path("paths").fieldNames().forEachRemaining(p -> {
                if (p.startsWith("/v1/operations/")) {
                    api.add("operations/" + svc);   // /v1/operations/{service}/…, served by each service for itself
                } else if (p.startsWith("/v1/")) {
                    api.add(p.split("/")[2]);
                }
            });
            Set<String> routed = new TreeSet<>();
            for (JsonNode route : kind(objects, "HTTPRoute")) {
                for (JsonNode rule : route.path("spec").path("rules")) {
                    boolean toThis = rule.path("backendRefs").get(0).path("name").asText().equals(svc + "-service");
                    for (JsonNode m : rule.path("matches")) {
                        String value = m.path("path").path("value").asText();
                        assertThat(value).as("routes expose /v1 paths only").startsWith("/v1/");
                        if (toThis) {
                            routed.add(value.substring("/v1/".length()));
                        }
                    }
                }
            }
            assertThat(routed).as(svc + ": routed prefixes vs the /v1 paths of its OpenAPI document").isEqualTo(api);
        }
    }

    @Test
    void partnersReadTheFourEventTopicsAndNoDeadLetters() throws Exception {
        JsonNode partner = kind(render("prod"), "KafkaUser").stream()
                .filter(u -> u.path("metadata").path("name").asText().equals("partner-readonly")).findFirst().orElseThrow();
        Set<String> topics = new TreeSet<>();
        for (JsonNode acl : partner.path("spec").path("authorization").path("acls")) {
            JsonNode r = acl.path("resource");
            if (r.path("type").asText().equals("topic")) {
                assertThat(r.path("patternType").asText()).as("topic ACLs name topics, never a prefix").isEqualTo("literal");
                topics.add(r.path("name").asText());
            }
        }
        assertThat(topics).containsExactly("marketplace.catalog.v1", "marketplace.compute.v1", "marketplace.reputation.v1",
                "marketplace.settlement.v1");
        // Deposits, withdrawals and balances (a user's chain address and money) are on a topic of their own, not granted.
        assertThat(kind(render("prod"), "KafkaTopic")).as("settlement's private topic")
                .anyMatch(t -> t.path("spec").path("topicName").asText().equals("marketplace.settlement.private.v1"));
    }

    @Test
    void theFallbackRendererAgreesWithKubectlWhereKubectlIsInstalled() throws Exception {
        if (!kubectl()) {
            return; // nothing to compare with on this machine; the fallback renderer alone is used
        }
        for (String overlay : List.of("dev", "prod")) {
            Set<String> mine = normalize(MiniKustomize.render(K8S.resolve("overlays/" + overlay)));
            Set<String> theirs = normalize(kubectlRender(overlay));
            Set<String> onlyMine = new TreeSet<>(mine);
            onlyMine.removeAll(theirs);
            Set<String> onlyTheirs = new TreeSet<>(theirs);
            onlyTheirs.removeAll(mine);
            Files.write(REPO.resolve("deploy/target/render-" + overlay + "-mine.txt"), onlyMine);
            Files.write(REPO.resolve("deploy/target/render-" + overlay + "-kubectl.txt"), onlyTheirs);
            assertThat(onlyMine).as(overlay + ": rendered differently by kubectl (see deploy/target/render-*.txt)").isEmpty();
        }
    }

    @Test
    void theCommittedBaseIsWhatTheGeneratorWrites() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "-c", "import yaml").redirectErrorStream(true).start();
        } catch (IOException e) {
            return; // no Python here: the base is still validated above, only its freshness is not
        }
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            return; // Python without PyYAML: as above
        }
        Process p = new ProcessBuilder("python3", K8S.resolve("generate.py").toString(), "--check").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    // --- rendering ---

    static List<JsonNode> render(String overlay) throws Exception {
        return kubectl() ? kubectlRender(overlay) : MiniKustomize.render(K8S.resolve("overlays/" + overlay));
    }

    static Boolean kubectl;

    static synchronized boolean kubectl() {
        if (kubectl == null) {
            try {
                Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
                kubectl = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                kubectl = false;
            }
        }
        return kubectl;
    }

    static List<JsonNode> kubectlRender(String overlay) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("kubectl kustomize " + overlay + ": " + err).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(out)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    static Set<String> normalize(List<JsonNode> objects) {
        Set<String> out = new TreeSet<>();
        for (JsonNode o : objects) {
            out.add(sorted(o).toString());
        }
        return out;
    }

    static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = YAML.createObjectNode();
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(k -> o.set(k, sorted(n.get(k))));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = YAML.createArrayNode();
            n.forEach(e -> a.add(sorted(e)));
            return a;
        }
        if (n.isNumber() || n.isBoolean()) {
            return YAML.getNodeFactory().textNode(n.asText()); // kubectl prints some scalars quoted
        }
        return n;
    }

    static List<JsonNode> kind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** Any non-empty {@code additionalProperties} in the typed object graph is a field the model does not know. */
    static void unknownFields(Object o, String where, List<String> problems, Map<Object, Boolean> seen) {
        if (o == null || seen.containsKey(o) || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            return;
        }
        seen.put(o, true);
        if (o instanceof Collection<?> c) {
            c.forEach(e -> unknownFields(e, where, problems, seen));
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.values().forEach(v -> unknownFields(v, where, problems, seen));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                if (m.getName().equals("getAdditionalProperties")) {
                    Object extra = m.invoke(o);
                    if (extra instanceof Map<?, ?> map && !map.isEmpty()) {
                        problems.add(where + ": unknown field(s) " + map.keySet() + " in " + o.getClass().getSimpleName());
                    }
                } else if ((m.getName().startsWith("get") || m.getName().startsWith("is")) && !m.getName().equals("getClass")) {
                    unknownFields(m.invoke(o), where, problems, seen);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a computed getter that does not apply to this object; not a field
            }
        }
    }
}
