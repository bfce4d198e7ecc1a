package ai.marketplace.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BearerHintsTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 2, 12, 0, 0, 0, ZoneOffset.UTC);

    static String bearer(String payload) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return "Bearer " + b.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void anExpiredTokenSaysWhenItExpired() {
        long exp = NOW.minusMinutes(5).toEpochSecond();
        assertThat(BearerHints.expiredAt(bearer("{\"sub\":\"u\",\"exp\":" + exp + "}"), NOW)).isEqualTo(NOW.minusMinutes(5));
        assertThat(BearerHints.expiredAt("bearer " + bearer("{\"exp\": " + exp + "}").substring(7), NOW)).isNotNull();
    }

    @Test
    void anythingElseGivesNoHint() {
        long later = NOW.plusMinutes(5).toEpochSecond();
        assertThat(BearerHints.expiredAt(bearer("{\"exp\":" + later + "}"), NOW)).as("not expired").isNull();
        assertThat(BearerHints.expiredAt(bearer("{\"sub\":\"u\"}"), NOW)).as("no exp").isNull();
        assertThat(BearerHints.expiredAt("Bearer not.a.jwt", NOW)).as("not base64 JSON").isNull();
        assertThat(BearerHints.expiredAt("Bearer %%%.%%%.%%%", NOW)).isNull();
        assertThat(BearerHints.expiredAt("Basic dXNlcjpwYXNz", NOW)).isNull();
        assertThat(BearerHints.expiredAt(null, NOW)).isNull();
    }
}
