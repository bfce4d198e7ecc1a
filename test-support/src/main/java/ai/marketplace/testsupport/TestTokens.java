package ai.marketplace.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens shaped like the marketplace realm's (Keycloak): a stable {@code sub} per user, the user name in
 * {@code preferred_username} and roles in {@code realm_access.roles}. They are signed with the key of
 * {@link io.quarkus.test.oidc.server.OidcWiremockTestResource}, whose JWKS the services fetch and verify
 * against, so every check a real token goes through (signature, issuer, audience, expiry) runs.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://server.example.com";

    private TestTokens() {
    }

    /** The subject id a user gets: deterministic, so tests can predict owner ids. */
    public static String subjectOf(String user) {
        return UUID.nameUUIDFromBytes(("marketplace-test-user:" + user).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String token(String user, String... roles) {
        return Jwt.subject(subjectOf(user))
                .preferredUserName(user)
                .claim("realm_access", Map.of("roles", List.copyOf(Arrays.asList(roles))))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .expiresIn(3600)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    public static String provider(String user) {
        return token(user, "provider");
    }

    public static String buyer(String user) {
        return token(user, "buyer");
    }

    public static String operator(String user) {
        return token(user, "operator");
    }

    public static String validator(String user) {
        return token(user, "validator");
    }

    /** Same claims, but expired an hour ago. */
    public static String expired(String user, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.subject(subjectOf(user))
                .preferredUserName(user)
                .claim("realm_access", Map.of("roles", List.copyOf(Arrays.asList(roles))))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    /** Valid in every way except its issuer. */
    public static String wrongIssuer(String user, String... roles) {
        return claims(user, roles).issuer("https://attacker.example.com").audience(AUDIENCE).expiresIn(3600).jws()
                .keyId("1").sign("privateKey.jwk");
    }

    /** Valid in every way except its audience: a token meant for another API. */
    public static String wrongAudience(String user, String... roles) {
        return claims(user, roles).issuer(ISSUER).audience("some-other-api").expiresIn(3600).jws().keyId("1")
                .sign("privateKey.jwk");
    }

    /** The right claims and key id, signed with a key the issuer never published. */
    public static String forged(String user, String... roles) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(user, roles).issuer(ISSUER).audience(AUDIENCE).expiresIn(3600).jws().keyId("1")
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.subject(subjectOf(user)).preferredUserName(user)
                .claim("realm_access", Map.of("roles", List.copyOf(Arrays.asList(roles))));
    }
}
