package ai.marketplace.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * How a service's generated Kubernetes Deployment runs its container, read from
 * {@code deploy/kubernetes/base/services/<service>.yaml}: the container suite runs the images exactly so, which
 * tests the manifests and the images together.
 */
record DeploymentSpec(String service, String image, int replicas, int containerPort, long runAsUser,
        boolean readOnlyRootFilesystem, boolean allowPrivilegeEscalation, List<String> dropCapabilities,
        long memoryLimitBytes, long cpuLimitNanos, String readinessPath, List<String> emptyDirMounts) {

    static DeploymentSpec read(Path repo, String service) {
        Path file = repo.resolve("deploy/kubernetes/base/services/" + service + ".yaml");
        try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(file))) {
            ObjectMapper mapper = new ObjectMapper();
            for (JsonNode doc : mapper.readValues(parser, JsonNode.class).readAll()) {
                if ("Deployment".equals(doc.path("kind").asText())) {
                    return of(service, doc);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(file + " has no Deployment");
    }

    private static DeploymentSpec of(String service, JsonNode deployment) {
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        JsonNode sc = c.path("securityContext");
        JsonNode limits = c.path("resources").path("limits");
        List<String> drop = new ArrayList<>();
        sc.path("capabilities").path("drop").forEach(n -> drop.add(n.asText()));
        List<String> emptyDirs = new ArrayList<>();
        for (JsonNode m : c.path("volumeMounts")) {
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("name").asText().equals(m.path("name").asText()) && v.has("emptyDir")) {
                    emptyDirs.add(m.path("mountPath").asText());
                }
            }
        }
        int port = 0;
        for (JsonNode p : c.path("ports")) {
            if ("http".equals(p.path("name").asText())) {
                port = p.path("containerPort").asInt();
            }
        }
        long user = sc.has("runAsUser") ? sc.path("runAsUser").asLong() : pod.path("securityContext").path("runAsUser").asLong(-1);
        return new DeploymentSpec(service, c.path("image").asText(), deployment.path("spec").path("replicas").asInt(1), port,
                user, sc.path("readOnlyRootFilesystem").asBoolean(false), sc.path("allowPrivilegeEscalation").asBoolean(true),
                List.copyOf(drop), bytes(limits.path("memory").asText()), cpuNanos(limits.path("cpu").asText()),
                c.path("readinessProbe").path("httpGet").path("path").asText(), List.copyOf(emptyDirs));
    }

    /** Kubernetes quantities as the Deployments write them: 768Mi, 1Gi, 512M. */
    static long bytes(String q) {
        String[][] units = { { "Ki", "1024" }, { "Mi", "1048576" }, { "Gi", "1073741824" }, { "K", "1000" }, { "M", "1000000" },
                { "G", "1000000000" } };
        for (String[] u : units) {
            if (q.endsWith(u[0])) {
                return Long.parseLong(q.substring(0, q.length() - u[0].length())) * Long.parseLong(u[1]);
            }
        }
        return Long.parseLong(q);
    }

    /** CPU quantities: "1", "1.5", "500m" → nano-CPUs as Docker takes them. */
    static long cpuNanos(String q) {
        if (q.endsWith("m")) {
            return Long.parseLong(q.substring(0, q.length() - 1)) * 1_000_000L;
        }
        return new BigDecimal(q).movePointRight(9).longValueExact();
    }
}
