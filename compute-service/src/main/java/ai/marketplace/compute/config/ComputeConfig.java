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
    @WithDefault("5s")
    Duration timerInterval();

    /** Leases one timer pass handles per transaction; the rest wait for the next pass. */
    @WithDefault("100")
    int timerBatchSize();
}
