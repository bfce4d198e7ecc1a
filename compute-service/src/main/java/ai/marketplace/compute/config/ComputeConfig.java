package ai.marketplace.compute.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "marketplace.compute")
public interface ComputeConfig {

    /** An offer whose node agent has been silent this long stops matching and its ACTIVE leases fail. */
    @WithDefault("90s")
    Duration heartbeatTimeout();

    /** A REQUESTED lease that settlement has not answered for this long expires and frees its GPUs. */
    @WithDefault("10m")
    Duration activationTimeout();

    /** How often the lease timers run (read by LeaseTimers' schedule). */
    /**
     * After a lease that ran ends, how long the provider's final meter reading is awaited before LeaseEnded settles
     * it; the renter cannot end a lease to skip paying for the interval since the last report.
     */
    @WithDefault("10m")
    Duration finalReadingWindow();

    @WithDefault("5s")
    Duration timerInterval();

    /** Leases one timer pass handles per transaction; the rest wait for the next pass. */
    @WithDefault("100")
    int timerBatchSize();

    /**
     * A request by requirements is matched against at most this many ONLINE offers (of the asked GPU model),
     * best-ranked first, read by one bounded query.
     */
    @WithDefault("500")
    int matchingCandidates();
}
