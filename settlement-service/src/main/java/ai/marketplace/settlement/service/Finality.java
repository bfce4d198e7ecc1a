package ai.marketplace.settlement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.ChainRpcClient.RpcError;
import ai.marketplace.settlement.config.ChainConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The newest block the service treats as final: nothing in a later block credits a deposit or settles a payout
 * or anchor. One answer for the deposit watcher and the transaction tracker, so the two never disagree.
 */
@ApplicationScoped
public class Finality {

    private static final Logger LOG = Logger.getLogger(Finality.class);

    /** The head the node reported and the newest final block (which may be below 0 on a young chain). */
    public record View(long head, long finalBlock) {
    }

    @Inject ChainRpcClient rpc;
    @Inject ChainConfig config;
    private volatile boolean tagUnsupported;

    public Uni<View> view() {
        return rpc.blockNumber().chain(headBig -> {
            long head = headBig.longValueExact();
            long byDepth = head - config.confirmations() + 1;
            if (config.finality() == ChainConfig.Finality.DEPTH || tagUnsupported) {
                return Uni.createFrom().item(new View(head, byDepth));
            }
            return rpc.call("eth_getBlockByNumber", "finalized", false)
                    .map(b -> b == null ? new View(head, byDepth)
                            : new View(head, Math.min(head, ChainRpcClient.quantity(((JsonObject) b).getString("number")).longValueExact())))
                    .onFailure(RpcError.class).recoverWithItem(e -> {
                        // The node has no finalized tag (older clients, some dev chains): depth from now on.
                        LOG.warnf("The chain node does not answer the finalized block (%s): using a depth of %d blocks",
                                e.getMessage(), config.confirmations());
                        tagUnsupported = true;
                        return new View(head, byDepth);
                    });
        });
    }
}
