package ai.marketplace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.localstack.Gateway;
import ai.marketplace.testsupport.host.RepoRoot;

/**
 * The local stack only works if the realm, the services' OIDC settings and the gateway's routes agree; these
 * checks fail the build when one of them changes without the others.
 */
class LocalStackConsistencyTest {

    static final Path REPO = RepoRoot.get();
    static final List<String> SERVICES = List.of("catalog", "compute", "settlement", "reputation", "partner");

    @Test
    void realmHasTheRolesUsersAndClientsTheReadmePromises() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(REPO.resolve("deploy/local/keycloak/marketplace-realm.json").toFile());
        assertThat(realm.get("realm").asText()).isEqualTo("marketplace");
        Set<String> roles = new HashSet<>();
        realm.at("/roles/realm").forEach(r -> roles.add(r.get("name").asText()));
        assertThat(roles).contains("provider", "buyer", "validator", "operator");

        for (String role : List.of("provider", "buyer", "validator", "operator")) {
            JsonNode user = find(realm.get("users"), "username", role + "1");
            assertThat(user).as("demo user %s1", role).isNotNull();
            assertThat(user.get("realmRoles").toString()).contains("\"" + role + "\"");
            // Keycloak's default user profile refuses logins of users without these.
            assertThat(user.hasNonNull("email") && user.hasNonNull("firstName") && user.hasNonNull("lastName")).isTrue();
            assertThat(user.at("/credentials/0/value").asText()).isEqualTo(role + "1-pass");
        }

        JsonNode web = find(realm.get("clients"), "clientId", "marketplace-web");
        assertThat(web.get("publicClient").asBoolean()).isTrue();
        assertThat(web.get("directAccessGrantsEnabled").asBoolean()).isTrue();
        JsonNode partner = find(realm.get("clients"), "clientId", "marketplace-partner");
        assertThat(partner.get("publicClient").asBoolean()).isFalse();
        assertThat(partner.get("serviceAccountsEnabled").asBoolean()).isTrue();
        for (JsonNode client : List.of(web, partner)) {
            assertThat(client.get("protocolMappers").toString()).contains("oidc-audience-mapper", apiAudience("catalog"));
        }
    }

    @Test
    void everyServiceExpectsTheRealmsIssuerAndAudience() throws IOException {
        for (String s : SERVICES) {
            Properties p = properties(s);
            // The local profile's issuer (production has none: it must be configured).
            assertThat(p.getProperty("%local.quarkus.oidc.auth-server-url")).as(s).endsWith("/realms/marketplace");
            assertThat(p.getProperty("quarkus.oidc.auth-server-url")).as(s + ": no issuer outside the local profile").isNull();
            assertThat(p.getProperty("quarkus.oidc.token.audience")).as(s).isEqualTo(apiAudience("catalog"));
            assertThat(p.getProperty("quarkus.oidc.token.principal-claim")).as(s).isEqualTo("sub");
            assertThat(p.getProperty("marketplace.events.topic")).as(s).isEqualTo("marketplace." + s + ".v1");
        }
    }

    @Test
    void theGatewayRoutesEveryPublicPathToTheServiceThatServesIt() throws IOException {
        Pattern path = Pattern.compile("@Path\\(\"/v1/([a-z-]+)");
        List<String> problems = new ArrayList<>();
        java.util.Set<String> served = new java.util.TreeSet<>();
        for (String s : SERVICES) {
            try (Stream<Path> files = Files.walk(REPO.resolve(s + "-service/src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(f);
                    // A class at /v1 puts the first segment in its method paths.
                    String text = source.contains("@Path(\"/v1\")") ? source.replaceAll("@Path\\(\"/(?!v1)", "@Path(\"/v1/") : source;
                    Matcher m = path.matcher(text);
                    while (m.find()) {
                        served.add(m.group(1));
                        String owner = Gateway.ROUTES.get(m.group(1));
                        if (!s.equals(owner)) {
                            problems.add("/v1/" + m.group(1) + " is served by " + s + " but routed to " + owner);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(served).as("no dead prefixes in routes.json: each one is served").containsAll(Gateway.ROUTES.keySet());
    }

    static String apiAudience(String service) throws IOException {
        return properties(service).getProperty("quarkus.oidc.token.audience");
    }

    /** A service's configuration as it runs: the platform's shared defaults, overridden by its own file. */
    static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        for (String file : List.of("platform/src/main/resources/META-INF/microprofile-config.properties",
                service + "-service/src/main/resources/application.properties")) {
            try (Reader r = Files.newBufferedReader(REPO.resolve(file))) {
                p.load(r);
            }
        }
        return p;
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }
}
