package ai.marketplace.platform.http;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and headers every service's public API applies before any resource runs. */
@ConfigMapping(prefix = "marketplace.http")
public interface HttpConfig {

    /** Largest request body accepted; larger ones get 413 before they are read. */
    @WithDefault("256K")
    MemorySize maxBodySize();

    /** Longest request target (path and query) accepted; longer ones get 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest total size of the request headers accepted; larger ones get 431. */
    @WithDefault("16K")
    MemorySize maxHeaderSize();

    WriteRateLimit writeRateLimit();

    /**
     * Origins allowed to call the API from a browser: the gateway's public origin only. Mirrors
     * {@code quarkus.http.cors.origins}, which enforces it; kept here so the value is documented in one place.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * Addresses (or CIDR ranges) whose {@code X-Forwarded-*} and {@code Forwarded} headers are believed: the gateway.
     * Quarkus reads the same property (quarkus.http.proxy.trusted-proxies, platform config); from anyone else the
     * headers are ignored, so a client cannot choose the host the API links to.
     */
    @WithDefault("127.0.0.1")
    List<String> trustedProxies();

    /** Per-client token bucket for writes (POST/PUT/PATCH/DELETE under /v1), per service replica. */
    interface WriteRateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Writes a client may make in a burst. */
        @WithDefault("60")
        int burst();

        /** Sustained writes per minute per client (the bucket's refill rate). */
        @WithDefault("120")
        int perMinute();

        /** Clients remembered at once; the least recently seen are forgotten first. */
        @WithDefault("100000")
        int maxClients();
    }
}
