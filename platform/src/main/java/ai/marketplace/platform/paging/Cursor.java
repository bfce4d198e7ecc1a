package ai.marketplace.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.marketplace.platform.problem.ProblemException;

/**
 * An opaque keyset cursor: the sort keys of the last item of a page, base64url-encoded. Clients must not
 * build cursors; a tampered or foreign one is a 400, not a 500.
 */
public final class Cursor {

    private static final int MAX_ENCODED = 1024;
    private final Map<String, String> keys;

    private Cursor(Map<String, String> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static Cursor of(Map<String, String> keys) {
        return new Cursor(new LinkedHashMap<>(keys));
    }

    public String get(String key) {
        String v = keys.get(key);
        if (v == null) {
            throw ProblemException.invalid("cursor", "is not a cursor of this list");
        }
        return v;
    }

    /**
     * A decimal key, bounded to what the lists sort by (at most 100 digits, at most 100 after the point): a forged
     * cursor such as {@code 1e999999999} is not a cursor of the list, never a value the database overflows on.
     */
    public java.math.BigDecimal decimal(String key) {
        String raw = get(key);
        if (raw == null || raw.length() > 210) {
            throw new IllegalArgumentException("cursor key " + key + " is not a decimal");
        }
        java.math.BigDecimal d = new java.math.BigDecimal(raw);
        if (d.precision() > 100 || d.scale() > 100 || d.scale() < -100) {
            throw new IllegalArgumentException("cursor key " + key + " is out of range");
        }
        return d;
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        keys.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(escape(e.getKey())).append('=').append(escape(e.getValue()));
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded) {
        if (encoded.length() > MAX_ENCODED) {
            throw ProblemException.invalid("cursor", "is too long");
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a valid cursor");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw ProblemException.invalid("cursor", "is not a valid cursor");
            }
            keys.put(unescape(pair.substring(0, eq)), unescape(pair.substring(eq + 1)));
        }
        return new Cursor(keys);
    }

    private static String escape(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a valid cursor");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cursor c && c.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }
}
