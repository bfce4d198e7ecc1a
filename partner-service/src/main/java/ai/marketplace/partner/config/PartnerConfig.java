package ai.marketplace.partner.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How partner-service delivers (README "Configuration"). */
@ConfigMapping(prefix = "marketplace.partner")
public interface PartnerConfig {

    /** Whether endpoints may be on loopback (http allowed there): the local stack and tests only. */
    @WithDefault("false")
    boolean allowLoopback();

    Delivery delivery();

    interface Delivery {
        /** The whole attempt, connect to last byte read. */
        @WithDefault("10s")
        Duration timeout();

        /** How long after an event first fell due it is retried before the delivery gives up. */
        @WithDefault("3d")
        Duration retryHorizon();

        @WithDefault("5s")
        Duration firstRetry();

        @WithDefault("1h")
        Duration longestRetry();

        /** Deliveries in flight to one endpoint at most. */
        @WithDefault("4")
        int concurrencyPerEndpoint();

        /** Failed attempts in a row (no success between) after which the endpoint is disabled. */
        @WithDefault("50")
        int disableAfterFailures();

        /** How often the dispatcher looks for due deliveries when it found none the last time. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** What of a response body is read at most; the rest is never read (the connection is closed). */
        @WithDefault("65536")
        int maxResponseBytes();
    }
}
