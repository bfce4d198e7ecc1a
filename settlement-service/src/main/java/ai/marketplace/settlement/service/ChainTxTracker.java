package ai.marketplace.settlement.service;


import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.ChainRpcClient.RpcError;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxState;
import ai.marketplace.settlement.repository.ChainTxRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Sends signed transactions and settles them once the block of their receipt is final ({@link Finality}): payouts
 * complete or are reversed, anchors are recorded. A transaction the node does not know (never sent, or dropped)
 * is re-sent byte for byte; "already known" or "nonce too low" answers are fine, the receipt decides.
 */
@ApplicationScoped
public class ChainTxTracker {

    private static final Logger LOG = Logger.getLogger(ChainTxTracker.class);

    private final ChainTxRepository txs;
    private final ChainRpcClient rpc;
    private final Finality finality;
    private final Contracts contracts;
    private final PayoutService payouts;
    private final Anchoring anchoring;
    private final Transactions transactions;

    public ChainTxTracker(ChainTxRepository txs, ChainRpcClient rpc, Finality finality, Contracts contracts,
            PayoutService payouts, Anchoring anchoring, Transactions transactions) {
        this.transactions = transactions;
        this.txs = txs;
        this.rpc = rpc;
        this.finality = finality;
        this.contracts = contracts;
        this.payouts = payouts;
        this.anchoring = anchoring;
    }

    @Scheduled(identity = "chain-tx-tracker", every = "${marketplace.chain.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!contracts.ready()) {
            return Uni.createFrom().voidItem();
        }
        return track().onFailure().recoverWithItem(e -> {
            LOG.warnf("Transaction tracking pass failed, the next one retries: %s", e.toString());
            return null;
        }).replaceWithVoid();
    }

    /** One pass over the open transactions; returns how many reached a final state. */
    public Uni<Integer> track() {
        return transactions.run(this::track);
    }

    private Uni<Integer> track(Tx db) {
        // Ask the node for its head only when there is something to follow: most ticks find nothing open.
        return txs.claimOpen(db, 50).chain(open -> open.isEmpty() ? Uni.createFrom().item(0)
                : finality.view().chain(view -> Multi.createFrom().iterable(open)
                        .onItem().transformToUniAndConcatenate(tx -> step(db, tx, view.finalBlock()))
                        .collect().asList().map(done -> (int) done.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> step(Tx db, ChainTx tx, long finalBlock) {
        Uni<Void> sent = tx.state() == ChainTxState.SIGNED ? send(db, tx) : Uni.createFrom().voidItem();
        return sent.chain(() -> rpc.receipt(tx.txHash())).chain(receipt -> {
            if (receipt == null) {
                return resendIfUnknown(db, tx).replaceWith(false);
            }
            long block = ChainRpcClient.quantity(receipt.getString("blockNumber")).longValueExact();
            if (block > finalBlock) {
                return Uni.createFrom().item(false);
            }
            boolean success = "0x1".equals(receipt.getString("status"));
            tx.mined(block, ChainRpcClient.quantity(receipt.getString("gasUsed")).longValueExact(), success);
            if (!success) {
                LOG.warnf("%s transaction %s reverted in block %d", tx.purpose(), tx.txHash(), block);
            }
            return txs.update(db, tx).chain(() -> settle(db, tx, success, receipt)).replaceWith(true);
        });
    }

    private Uni<Void> settle(Tx db, ChainTx tx, boolean success, JsonObject receipt) {
        return switch (tx.purpose()) {
            case PAYOUT -> payouts.settled(db, tx, success);
            case ANCHOR -> anchoring.settled(db, tx, success, receipt);
        };
    }

    private Uni<Void> send(Tx db, ChainTx tx) {
        return rpc.sendRaw(tx.raw()).map(hash -> (String) null)
                .onFailure(RpcError.class).recoverWithItem(e -> {
                    // Already known / nonce too low / reverted: the transaction may well be on chain; the receipt says.
                    LOG.infof("Sending %s transaction %s (nonce %d): %s", tx.purpose(), tx.txHash(), tx.nonce(), e.getMessage());
                    return e.getMessage();
                })
                .invoke(tx::sent).chain(() -> txs.update(db, tx));
    }

    private Uni<Void> resendIfUnknown(Tx db, ChainTx tx) {
        return rpc.transaction(tx.txHash()).chain(known -> known != null ? Uni.createFrom().voidItem() : send(db, tx));
    }

}
