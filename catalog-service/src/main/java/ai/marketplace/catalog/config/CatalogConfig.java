package ai.marketplace.catalog.config;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "marketplace.catalog")
public interface CatalogConfig {

    /** URI schemes an artifact's storage URI may use. */
    @WithDefault("ipfs,s3,https")
    Set<String> storageSchemes();

    /** Secret for licence access keys (HMAC); set from a Secret in production, rotate by re-issuing keys. */
    String licenceKeySecret();

    /**
     * An order with no payment answer from settlement for this long is cancelled as EXPIRED (OrderCancelled tells
     * settlement to give back anything it held), so a stalled saga never locks a buyer's funds.
     */
    @WithDefault("15m")
    java.time.Duration orderPaymentTimeout();

    /**
     * Non-draft assets each replica keeps in memory for reads by id, and as many assets' active plan lists (0:
     * none). Entries go when their rows change on any replica, before a read that arrives after the change was
     * acknowledged is answered.
     */
    @WithDefault("10000")
    long assetCacheSize();

    /** Deepest lineage walk a client may ask for. */
    @WithDefault("10")
    int maxLineageDepth();
}
