package ai.marketplace.catalog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Forwarded headers from an address that is not a trusted proxy change no link. */
@QuarkusTest
@TestProfile(ForwardedLinksUntrustedTest.NoTrustedProxy.class)
class ForwardedLinksUntrustedTest {

    public static class NoTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // TEST-NET-1: nothing on this machine connects from there, so the (loopback) test client is not trusted.
            return Map.of("marketplace.http.trusted-proxies", "192.0.2.10");
        }
    }

    @Test
    void aClientCannotMakeTheApiLinkToAHostOfItsChoosing() {
        String token = TestTokens.provider("spoofer-" + UUID.randomUUID());
        String location = ForwardedLinksTest.created(token, Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"));
        assertThat(location).startsWith("http://").doesNotContain("evil.example");
        String viaForwarded = ForwardedLinksTest.created(token, Map.of("Forwarded", "proto=https;host=evil.example"));
        assertThat(viaForwarded).doesNotContain("evil.example");
    }
}
