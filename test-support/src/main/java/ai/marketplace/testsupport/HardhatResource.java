package ai.marketplace.testsupport;

import java.util.Map;

import ai.marketplace.testsupport.chain.HardhatNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Hardhat dev chain for a Quarkus test run, exposed as {@code marketplace.chain.rpc-url}. Init arg
 * {@code blockIntervalMs} switches to interval mining (confirmation tests).
 */
public class HardhatResource implements QuarkusTestResourceLifecycleManager {

    private static volatile HardhatNode current;
    private HardhatNode node;
    private long blockIntervalMs;

    @Override
    public void init(Map<String, String> initArgs) {
        blockIntervalMs = Long.parseLong(initArgs.getOrDefault("blockIntervalMs", "0"));
    }

    @Override
    public Map<String, String> start() {
        node = HardhatNode.start(ai.marketplace.testsupport.host.Ports.free(), blockIntervalMs);
        current = node;
        return Map.of("marketplace.chain.rpc-url", node.rpcUrl(),
                "marketplace.chain.chain-id", Long.toString(HardhatNode.CHAIN_ID));
    }

    public static HardhatNode node() {
        return current;
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
        }
    }
}
