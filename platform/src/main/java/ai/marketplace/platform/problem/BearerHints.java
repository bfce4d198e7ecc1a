package ai.marketplace.platform.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a refused bearer token was refused, as far as the token says so itself. Only a hint for the 401's detail:
 * the claim is read without checking the signature, so it never grants anything — OIDC has already refused the
 * token — and it only tells an honest client that its token merely expired.
 */
final class BearerHints {

    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})");

    private BearerHints() {
    }

    /** When the token in {@code authorization} expired, if it has expired by {@code now}; null otherwise. */
    static OffsetDateTime expiredAt(String authorization, OffsetDateTime now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length != 3 || parts[1].length() > 8192) {
            return null;
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher m = EXP.matcher(payload);
        if (!m.find()) {
            return null;
        }
        OffsetDateTime exp = Instant.ofEpochSecond(Long.parseLong(m.group(1))).atOffset(ZoneOffset.UTC);
        return exp.isAfter(now) ? null : exp;
    }
}
