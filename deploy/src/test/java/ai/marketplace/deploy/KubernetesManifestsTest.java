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
        // Strimzi's own API classes at the pinned operator release (io.strimzi:api 1.2.0, kafka.strimzi.io/v1 only).
        MODELS.put("kafka.strimzi.io/v1/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class);
        MODELS.put("kafka.strimzi.io/v1/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class);
        MODELS.put("kafka.strimzi.io/v1/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);
        MODELS.put("kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);
    }

    /**
     * Operator CRDs without a Java model here: checked for shape, and CloudNativePG's and the Prometheus operator's
     * for required fields, types and enums by their npm schema packages (validate.mjs).
     */
    static final Set<String> SHAPE_ONLY = Set.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup",
            "barmancloud.cnpg.io/v1/ObjectStore",
            "k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
            "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PrometheusRule");

    /** Kafka versions the pinned Strimzi release (1.2.0) runs: its kafka-versions.yaml, supported: true. */
    static final Set<String> STRIMZI_KAFKA_VERSIONS = Set.of("4.2.0", "4.2.1", "4.3.0", "4.3.1");

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

    /** An operator edits one file per installation; everything public-facing or chain-specific follows it. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void oneInstallationFileDrivesEveryPublicNameTheChainAndTheImages(String overlay) throws Exception {
        JsonNode data = YAML.readTree(K8S.resolve("overlays/" + overlay + "/installation.yaml").toFile()).path("data");
        for (List<JsonNode> objects : List.of(MiniKustomize.render(K8S.resolve("overlays/" + overlay)), render(overlay))) {
            assertThat(kind(objects, "ConfigMap")).as("the installation file is Kustomize input only")
                    .noneMatch(c -> c.path("metadata").path("name").asText().equals("installation"));
            assertThat(kind(objects, "Gateway").get(0).path("spec").path("listeners").get(0).path("hostname").asText()).isEqualTo(data.path("api-host").asText());
            kind(objects, "HTTPRoute").forEach(r -> assertThat(r.path("spec").path("hostnames").get(0).asText()).isEqualTo(data.path("api-host").asText()));
            for (JsonNode cm : kind(objects, "ConfigMap")) {
                if (cm.path("data").has("QUARKUS_OIDC_TOKEN_ISSUER")) {
                    assertThat(cm.path("data").path("QUARKUS_OIDC_TOKEN_ISSUER").asText()).isEqualTo(data.path("oidc-issuer").asText());
                    assertThat(cm.path("data").path("MARKETPLACE_HTTP_ALLOWED_ORIGINS").asText()).isEqualTo(data.path("cors-origins").asText());
                }
            }
            JsonNode settlement = kind(objects, "ConfigMap").stream().filter(c -> c.path("metadata").path("name").asText().equals("settlement-service"))
                    .findFirst().orElseThrow().path("data");
            assertThat(settlement.path("MARKETPLACE_CHAIN_RPC_URL").asText()).isEqualTo(data.path("chain-rpc-url").asText());
            assertThat(settlement.path("MARKETPLACE_CHAIN_CHAIN_ID").asText()).isEqualTo(data.path("chain-id").asText());
            assertThat(settlement.path("MARKETPLACE_CHAIN_TREASURY_ADDRESS").asText()).isEqualTo(data.path("treasury-address").asText());
            assertThat(settlement.path("MARKETPLACE_CHAIN_TOKEN_ADDRESS").asText()).isEqualTo(data.path("token-address").asText());
            JsonNode realm = kind(objects, "KeycloakRealmImport").get(0).path("spec").path("realm");
            JsonNode web = find(realm.path("clients"), "clientId", "marketplace-web");
            assertThat(web.path("redirectUris").toString()).isEqualTo("[\"" + data.path("app-callback").asText() + "\"]");
            assertThat(kind(objects, "Keycloak").get(0).path("spec").path("hostname").path("hostname").asText()).isEqualTo(data.path("auth-url").asText());
            JsonNode external = find(kind(objects, "Kafka").get(0).path("spec").path("kafka").path("listeners"), "name", "external");
            assertThat(external.path("configuration").path("bootstrap").path("alternativeNames").get(0).asText()).isEqualTo(data.path("kafka-bootstrap-host").asText());
            for (JsonNode b : external.path("configuration").path("brokers")) {
                assertThat(b.path("advertisedHost").asText()).isEqualTo(data.path("kafka-broker-" + b.path("broker").asInt() + "-host").asText());
            }
            for (JsonNode d : kind(objects, "Deployment")) {
                String name = d.path("metadata").path("name").asText();
                assertThat(d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText()).isEqualTo(
                        data.path("image-registry").asText() + "/" + data.path("image-namespace").asText() + "/" + name + ":" + data.path("image-tag").asText());
            }
        }
        if (overlay.equals("dev")) {
            // dev names differ from the base's placeholders everywhere: none of them may survive the rendering.
            String rendered = render(overlay).toString();
            for (String placeholder : List.of("//api.marketplace.example", "//auth.marketplace.example", "//app.marketplace.example",
                    "\"api.marketplace.example", "\"kafka.marketplace.example", "kafka.marketplace.example\"", "rpc.chain.example")) {
                assertThat(rendered).as("base placeholder " + placeholder + " left in the dev overlay").doesNotContain(placeholder);
            }
        }
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value);
    }

    @Test
    void unknownFieldsInStrimziResourcesAreCaughtByTheV1Models() throws Exception {
        List<JsonNode> objects = render("dev");
        ObjectNode kafka = kind(objects, "Kafka").get(0).deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka").path("listeners").get(1)).put("tlss", true);
        ObjectNode user = kind(objects, "KafkaUser").get(0).deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0)).put("operation", "Read"); // v1beta2's field
        List<String> problems = new ArrayList<>();
        unknownFields(YAML.treeToValue(kafka, io.strimzi.api.kafka.model.kafka.Kafka.class), "kafka", problems, new IdentityHashMap<>());
        unknownFields(YAML.treeToValue(user, io.strimzi.api.kafka.model.user.KafkaUser.class), "user", problems, new IdentityHashMap<>());
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("tlss");
        assertThat(problems.get(1)).contains("operation");
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
        assertThat(kind(objects, "Deployment")).hasSize(5);
        assertThat(kind(objects, "NetworkPolicy")).hasSize(5);
        assertThat(kind(objects, "HorizontalPodAutoscaler")).hasSize(5);
        assertThat(kind(objects, "PodDisruptionBudget")).hasSize(5);
    }

    @Test
    void theRoutesExposeExactlyThePublicPathsOfEachServicesOpenApiDocument() throws Exception {
        List<JsonNode> objects = render("prod");
        for (String svc : List.of("catalog", "compute", "settlement", "reputation", "partner")) {
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
    void eachPartnerReadsOnlyItsGrantedPublicTopicsUnderItsOwnGroupsAndNeverDeadLettersOrPrivateTopics() throws Exception {
        List<JsonNode> objects = render("prod");
        JsonNode partners = new ObjectMapper().readTree(K8S.resolve("partners.json").toFile()).path("partners");
        assertThat(partners.size()).isPositive();
        for (JsonNode p : partners) {
            String name = p.path("name").asText();
            JsonNode user = kind(objects, "KafkaUser").stream().filter(u -> u.path("metadata").path("name").asText().equals("partner-" + name))
                    .findFirst().orElseThrow(() -> new AssertionError("no KafkaUser partner-" + name));
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            Set<String> topics = new TreeSet<>();
            Set<String> expected = new TreeSet<>();
            p.path("topics").forEach(t -> expected.add("marketplace." + t.asText() + ".v1"));
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                assertThat(acl.path("operations").toString()).as("partners only read").doesNotContain("Write", "Create", "Delete", "Alter", "All");
                switch (r.path("type").asText()) {
                    case "topic" -> {
                        assertThat(r.path("patternType").asText()).as("topic ACLs name topics, never a prefix").isEqualTo("literal");
                        topics.add(r.path("name").asText());
                    }
                    case "group" -> assertThat(r.path("name").asText() + "/" + r.path("patternType").asText())
                            .isEqualTo("partner-" + name + "-/prefix");
                    default -> throw new AssertionError("partner-" + name + ": unexpected ACL " + acl);
                }
            }
            assertThat(topics).isEqualTo(expected).allSatisfy(t -> assertThat(t).doesNotContain("dlq").doesNotContain("private"));
        }
        assertThat(kind(objects, "KafkaUser")).as("no shared partner user").noneMatch(u -> u.path("metadata").path("name").asText().equals("partner-readonly"));
        // Deposits, withdrawals and balances (a user's chain address and money) are on a topic of their own, not granted.
        assertThat(kind(objects, "KafkaTopic")).as("settlement's private topic")
                .anyMatch(t -> t.path("spec").path("topicName").asText().equals("marketplace.settlement.private.v1"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void partnersOutsideTheClusterReachOnlyTheExternalTlsListenerAndTheServicesOnlyTheInternalOne(String overlay) throws Exception {
        JsonNode kafka = kind(render(overlay), "Kafka").get(0);
        Map<String, JsonNode> listeners = new LinkedHashMap<>();
        kafka.path("spec").path("kafka").path("listeners").forEach(l -> listeners.put(l.path("name").asText(), l));
        assertThat(listeners).containsOnlyKeys("tls", "external");
        JsonNode internal = listeners.get("tls");
        assertThat(internal.path("type").asText()).isEqualTo("internal");
        assertThat(internal.path("networkPolicyPeers").toString()).as("only the services' pods reach the internal listener")
                .isEqualTo("[{\"podSelector\":{\"matchLabels\":{\"marketplace/kafka-client\":\"true\"}}}]");
        JsonNode external = listeners.get("external");
        assertThat(external.path("type").asText()).isIn("loadbalancer", "ingress", "route");
        assertThat(external.path("tls").asBoolean()).isTrue();
        assertThat(external.path("authentication").path("type").asText()).isIn("scram-sha-512", "tls");
        for (JsonNode l : listeners.values()) {
            assertThat(l.path("tls").asBoolean()).as("no plain-text listener").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theManifestsUseTheCurrentOperatorApisAtThePinnedVersions(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        String all = objects.toString();
        assertThat(all).doesNotContain("kafka.strimzi.io/v1beta2").doesNotContain("barmanObjectStore");
        JsonNode kafka = kind(objects, "Kafka").get(0);
        assertThat(STRIMZI_KAFKA_VERSIONS).as("Kafka version runs on Strimzi 1.2.0").contains(kafka.path("spec").path("kafka").path("version").asText());
        List<JsonNode> clusters = kind(objects, "Cluster");
        assertThat(clusters).extracting(c -> c.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("catalog-db", "compute-db", "settlement-db", "reputation-db", "partner-db", "keycloak-db");
        for (JsonNode c : clusters) {
            String name = c.path("metadata").path("name").asText();
            JsonNode plugin = c.path("spec").path("plugins").get(0);
            assertThat(plugin).as(name + ": Barman Cloud plugin").isNotNull();
            assertThat(plugin.path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
            assertThat(plugin.path("isWALArchiver").asBoolean()).as(name + " archives its WAL").isTrue();
            String store = plugin.path("parameters").path("barmanObjectName").asText();
            assertThat(kind(objects, "ObjectStore")).as(name + "'s ObjectStore " + store)
                    .anyMatch(o -> o.path("metadata").path("name").asText().equals(store)
                            && !o.path("spec").path("configuration").path("destinationPath").asText().isEmpty());
            assertThat(kind(objects, "ScheduledBackup")).as(name + " has a scheduled plugin backup")
                    .anyMatch(b -> b.path("spec").path("cluster").path("name").asText().equals(name)
                            && b.path("spec").path("method").asText().equals("plugin")
                            && b.path("spec").path("pluginConfiguration").path("name").asText().equals("barman-cloud.cloudnative-pg.io"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theProductionRealmAllowsNoPasswordGrantNoPlainHttpAndNoWildcardRedirect(String overlay) throws Exception {
        JsonNode realm = kind(render(overlay), "KeycloakRealmImport").get(0).path("spec").path("realm");
        assertThat(realm.path("sslRequired").asText()).as("HTTPS for everyone, internal addresses included").isEqualTo("all");
        assertThat(realm.path("users").toString()).as("no demo users").doesNotContain("-pass").doesNotContain("credentials");
        assertThat(realm.path("accessTokenLifespan").asInt()).isBetween(60, 900);
        for (JsonNode c : realm.path("clients")) {
            String id = c.path("clientId").asText();
            assertThat(c.path("directAccessGrantsEnabled").asBoolean(true)).as(id + ": password grant").isFalse();
            assertThat(c.path("implicitFlowEnabled").asBoolean(false)).as(id + ": implicit flow").isFalse();
            assertThat(c.has("secret")).as(id + ": a secret in the manifests").isFalse();
            if (c.path("publicClient").asBoolean()) {
                assertThat(c.path("attributes").path("pkce.code.challenge.method").asText()).as(id + ": PKCE").isEqualTo("S256");
            } else {
                assertThat(c.path("standardFlowEnabled").asBoolean(true)).as(id + ": confidential clients use client credentials only").isFalse();
                assertThat(c.path("serviceAccountsEnabled").asBoolean()).isTrue();
            }
            List<String> uris = new ArrayList<>();
            c.path("redirectUris").forEach(u -> uris.add(u.asText()));
            c.path("webOrigins").forEach(u -> uris.add(u.asText()));
            if (c.path("attributes").has("post.logout.redirect.uris")) {
                uris.add(c.path("attributes").path("post.logout.redirect.uris").asText());
            }
            for (String u : uris) {
                assertThat(u).as(id + ": redirect or origin " + u).startsWith("https://").doesNotContain("*").doesNotContain("localhost")
                        .doesNotContain("127.0.0.1").isNotEqualTo("+");
            }
        }
        assertThat(realm.path("clients").findValuesAsText("clientId")).contains("marketplace-web", "marketplace-automation");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void servicesFetchKeycloakKeysInsideTheClusterAndCheckThePublicIssuer(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        for (JsonNode cm : kind(objects, "ConfigMap")) {
            JsonNode data = cm.path("data");
            if (!data.has("QUARKUS_OIDC_AUTH_SERVER_URL")) {
                continue;
            }
            String name = cm.path("metadata").path("name").asText();
            assertThat(data.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText()).as(name).startsWith("https://keycloak-service:8443/");
            assertThat(data.path("QUARKUS_OIDC_TOKEN_ISSUER").asText()).as(name).startsWith("https://auth.").endsWith("/realms/marketplace");
        }
    }

    /** Where a service's pod may open connections, as its NetworkPolicy says (a small evaluator of egress rules). */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void networkPoliciesLetEachServiceReachWhatItNeedsAndNothingElse(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        Peer dns = new Peer(Map.of("kubernetes.io/metadata.name", "kube-system"), Map.of("k8s-app", "kube-dns"), null, "UDP", 53);
        Peer keycloak = new Peer(null, Map.of("app", "keycloak", "app.kubernetes.io/instance", "keycloak"), null, "TCP", 8443);
        Peer kafka = new Peer(null, Map.of("strimzi.io/cluster", "marketplace", "strimzi.io/kind", "Kafka"), null, "TCP", 9093);
        Peer otel = new Peer(Map.of("kubernetes.io/metadata.name", "observability"), Map.of("app", "otel-collector"), null, "TCP", 4317);
        Peer chain = new Peer(null, null, "203.0.113.10", "TCP", 443);
        Peer privateRange = new Peer(null, null, "10.1.2.3", "TCP", 443);
        Peer metadataService = new Peer(null, null, "169.254.169.254", "TCP", 80);
        Peer anywhere = new Peer(null, null, "203.0.113.10", "TCP", 5432);
        for (String svc : List.of("catalog", "compute", "settlement", "reputation", "partner")) {
            JsonNode policy = kind(objects, "NetworkPolicy").stream().filter(p -> p.path("metadata").path("name").asText().equals(svc + "-service"))
                    .findFirst().orElseThrow();
            Peer ownDb = new Peer(null, Map.of("cnpg.io/cluster", svc + "-db"), null, "TCP", 5432);
            for (Peer needed : List.of(dns, ownDb, kafka, keycloak, otel)) {
                assertThat(egressAllows(policy, needed)).as("%s reaches %s", svc, needed).isTrue();
            }
            // Settlement reaches the chain RPC over HTTPS; partner-service reaches partners' endpoints, public
            // addresses on any port; nobody else leaves the cluster.
            assertThat(egressAllows(policy, chain)).as("%s reaches the chain RPC", svc)
                    .isEqualTo(svc.equals("settlement") || svc.equals("partner"));
            assertThat(egressAllows(policy, anywhere)).as("%s reaches %s", svc, anywhere).isEqualTo(svc.equals("partner"));
            for (String other : List.of("catalog", "compute", "settlement", "reputation", "partner")) {
                if (!other.equals(svc)) {
                    assertThat(egressAllows(policy, new Peer(null, Map.of("cnpg.io/cluster", other + "-db"), null, "TCP", 5432)))
                            .as("%s reaches %s's database", svc, other).isFalse();
                }
            }
            assertThat(egressAllows(policy, new Peer(null, Map.of("cnpg.io/cluster", "keycloak-db"), null, "TCP", 5432))).isFalse();
            assertThat(egressAllows(policy, new Peer(null, Map.of("app", "keycloak", "app.kubernetes.io/instance", "keycloak"), null, "TCP", 9000)))
                    .as("%s reaches Keycloak's management port", svc).isFalse();
            for (Peer forbidden : List.of(privateRange, metadataService)) {
                assertThat(egressAllows(policy, forbidden)).as("%s reaches %s", svc, forbidden).isFalse();
            }
            assertThat(policy.path("spec").path("policyTypes").toString()).contains("Egress", "Ingress");
        }
    }

    /** A destination: its namespace's labels (null: the policy's own namespace), its pod's labels, or an IP. */
    record Peer(Map<String, String> namespaceLabels, Map<String, String> podLabels, String ip, String protocol, int port) {
    }

    static boolean egressAllows(JsonNode policy, Peer to) {
        for (JsonNode rule : policy.path("spec").path("egress")) {
            boolean portOk = !rule.has("ports") || streamOf(rule.path("ports")).anyMatch(p ->
                    p.path("port").asInt() == to.port() && p.path("protocol").asText("TCP").equals(to.protocol()));
            boolean peerOk = !rule.has("to") || streamOf(rule.path("to")).anyMatch(peer -> matches(peer, to));
            if (portOk && peerOk) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(JsonNode peer, Peer to) {
        if (peer.has("ipBlock")) {
            if (to.ip() == null) {
                return false;
            }
            JsonNode block = peer.path("ipBlock");
            return inCidr(to.ip(), block.path("cidr").asText()) && streamOf(block.path("except")).noneMatch(e -> inCidr(to.ip(), e.asText()));
        }
        if (to.ip() != null) {
            return false; // pod and namespace selectors match pods, not external addresses
        }
        boolean nsOk = peer.has("namespaceSelector") ? selects(peer.path("namespaceSelector"), to.namespaceLabels() == null
                ? Map.of("kubernetes.io/metadata.name", "marketplace") : to.namespaceLabels()) : to.namespaceLabels() == null;
        boolean podOk = !peer.has("podSelector") || selects(peer.path("podSelector"), to.podLabels());
        return nsOk && podOk;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (labels == null) {
            return false;
        }
        var it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return !selector.has("matchExpressions");
    }

    /** Whether {@code ip} is in {@code cidr}; an address of the other family never is. */
    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        byte[] a = address(ip);
        byte[] net = address(parts[0]);
        if (a.length != net.length) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        java.math.BigInteger mask = bits == 0 ? java.math.BigInteger.ZERO
                : java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE).shiftLeft(a.length * 8 - bits);
        return new java.math.BigInteger(1, a).and(mask).equals(new java.math.BigInteger(1, net).and(mask));
    }

    static byte[] address(String literal) {
        try {
            // A literal: nothing is resolved.
            return java.net.InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
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
