package ai.marketplace.settlement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "marketplace.chain")
public interface ChainConfig {

    /** JSON-RPC endpoint of the EVM node (HTTP). */
    String rpcUrl();

    /** The chain id the service expects; a node answering another id is reported, never used. */
    long chainId();

    @WithDefault("5s")
    Duration timeout();
}
