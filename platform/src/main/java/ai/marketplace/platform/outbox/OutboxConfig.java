package ai.marketplace.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "marketplace.outbox")
public interface OutboxConfig {

    Relay relay();

    /** How long published rows are kept (for audits and replays) before the janitor deletes them. */
    @WithDefault("P7D")
    Duration retention();

    interface Relay {
        /** Off in a replica that should only serve requests; any number of replicas may relay safely. */
        @WithDefault("true")
        boolean enabled();

        /** Rows claimed per pass; a pass repeats at once while it finds full batches. */
        @WithDefault("200")
        int batchSize();

        /** Base delay between attempts to re-establish the LISTEN connection (times ten). */
        @WithDefault("100ms")
        Duration interval();
    }
}
