package ai.marketplace.catalog.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.config.CatalogConfig;

/**
 * Licence access keys: {@code lk_<licence id>_<HMAC-SHA256(secret, licence id)>}. Nothing secret is stored:
 * the holder's key is recomputed when they ask for it, and a presented key is checked in constant time.
 */
@ApplicationScoped
public class LicenceKeys {

    private static final String PREFIX = "lk_";
    private final byte[] secret;

    public LicenceKeys(CatalogConfig config) {
        this.secret = config.licenceKeySecret().getBytes(StandardCharsets.UTF_8);
    }

    public String keyOf(UUID licenceId) {
        return PREFIX + licenceId.toString().replace("-", "") + "_" + mac(licenceId);
    }

    /** The licence a well-formed, authentic key names; empty for anything else. */
    public Optional<UUID> verify(String key) {
        if (key == null || key.length() > 200 || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = key.substring(PREFIX.length()).split("_", 2);
        if (parts.length != 2 || !parts[0].matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        UUID id = UUID.fromString(parts[0].replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        boolean authentic = MessageDigest.isEqual(mac(id).getBytes(StandardCharsets.US_ASCII),
                parts[1].getBytes(StandardCharsets.US_ASCII));
        return authentic ? Optional.of(id) : Optional.empty();
    }

    private String mac(UUID licenceId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(licenceId.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
