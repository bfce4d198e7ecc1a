package ai.marketplace.partner.domain;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import ai.marketplace.platform.domain.DomainException.InvalidInput;

/**
 * A partner's endpoint URL, checked for its form: absolute https (http only to loopback where the configuration
 * allows loopback at all), a host, no user info, no fragment. Where it resolves to is {@link AddressPolicy}'s
 * question, asked at registration and again before every delivery.
 */
public record WebhookUrl(String value, URI uri, boolean https, String host, int port) {

    public static WebhookUrl parse(String raw, boolean allowLoopback) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput("url", "is required");
        }
        if (raw.length() > 2048) {
            throw new InvalidInput("url", "at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(asciiHost(raw.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidInput("url", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidInput("url", "must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawAuthority() == null) {
            throw new InvalidInput("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInput("url", "must not carry user info (put credentials in the receiver, verify the signature)");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInput("url", "must not have a fragment");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("url", "host is not a valid name: " + e.getMessage());
        }
        boolean https = scheme.equals("https");
        if (!https && !(allowLoopback && AddressPolicy.namesLoopback(host))) {
            throw new InvalidInput("url", "must be an https URL");
        }
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        return new WebhookUrl(uri.toString(), uri, https, host, port);
    }

    private static final java.util.regex.Pattern AUTHORITY = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)(.*)$", java.util.regex.Pattern.DOTALL);

    /** An internationalised host name in its ASCII (punycode) form, which is what {@link URI} parses as a host. */
    private static String asciiHost(String raw) {
        java.util.regex.Matcher m = AUTHORITY.matcher(raw);
        if (!m.matches() || m.group(2).chars().allMatch(c -> c < 128)) {
            return raw;
        }
        String authority = m.group(2);
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        String port = colon < 0 ? "" : authority.substring(colon);
        try {
            return m.group(1) + IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES) + port + m.group(3);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("url", "host is not a valid name: " + e.getMessage());
        }
    }

    /** The path and query the request line carries. */
    public String requestTarget() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
