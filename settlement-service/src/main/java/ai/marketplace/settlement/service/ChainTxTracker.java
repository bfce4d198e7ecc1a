package ai.marketplace.settlement.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.scheduling.TimerPass;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient.RpcError;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxState;
import ai.marketplace.settlement.repository.ChainTxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Sends signed transactions and settles them once the block of their receipt is final ({@link Finality}): payouts
 * complete or are reversed, anchors are recorded. A transaction the node does not know (never sent, or dropped)
 * is re-sent byte for byte; "already known" or "nonce too low" answers are fine, the receipt decides. One that has
 * not mined within {@code marketplace.chain.fees.replace-after} (a gas spike) is signed again at the same nonce
 * with higher fees, up to the configured maximum; the receipt of whichever version mined settles it, so later
 * transactions never queue for ever behind one that was priced too low.
 */
@ApplicationScoped
public class ChainTxTracker {

    private static final Logger LOG = Logger.getLogger(ChainTxTracker.class);

    private final ChainTxRepository txs;
    private final ChainRpcClient rpc;
    private final Finality finality;
    private final ChainTransactions chain;
    private final ChainConfig.Fees fees;
    private final Counter replaced;
    private final AtomicLong stuck = new AtomicLong();
    private final Contracts contracts;
    private final PayoutService payouts;
    private final Anchoring anchoring;
    private final Transactions transactions;

    public ChainTxTracker(ChainTxRepository txs, ChainRpcClient rpc, Finality finality, Contracts contracts,
            PayoutService payouts, Anchoring anchoring, Transactions transactions, ChainTransactions chain, ChainConfig config,
            MeterRegistry registry) {
        this.chain = chain;
        this.fees = config.fees();
        this.replaced = Counter.builder("marketplace.chain.tx.replaced")
                .description("Transactions signed again at their nonce with higher fees because they did not mine").register(registry);
        Gauge.builder("marketplace.chain.tx.stuck", stuck, AtomicLong::get)
                .description("Open transactions unmined for longer than the replacement delay").register(registry);
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
        return TimerPass.guarded(LOG, "Transaction tracking pass", track());
    }

    /** One pass over the open transactions; returns how many reached a final state. */
    public Uni<Integer> track() {
        return transactions.run(this::track);
    }

    private Uni<Integer> track(Tx db) {
        // Ask the node for its head only when there is something to follow: most ticks find nothing open.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return txs.claimOpen(db, 50).invoke(open -> stuck.set(open.stream()
                .filter(t -> t.signedAt().plus(fees.replaceAfter()).isBefore(now)).count()))
                .chain(open -> open.isEmpty() ? Uni.createFrom().item(0)
                : finality.view().chain(view -> Multi.createFrom().iterable(open)
                        .onItem().transformToUniAndConcatenate(tx -> step(db, tx, view.finalBlock(), now))
                        .collect().asList().map(done -> (int) done.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> step(Tx db, ChainTx tx, long finalBlock, OffsetDateTime now) {
        Uni<Void> sent = tx.state() == ChainTxState.SIGNED ? send(db, tx) : Uni.createFrom().voidItem();
        return sent.chain(() -> receiptOfAnyVersion(db, tx)).chain(receipt -> {
            if (receipt == null) {
                if (tx.dueForReplacement(fees.replaceAfter(), now)) {
                    return replace(db, tx).replaceWith(false);
                }
                return resendIfUnknown(db, tx).replaceWith(false);
            }
            String minedHash = receipt.getString("transactionHash");
            if (minedHash != null && !minedHash.equalsIgnoreCase(tx.txHash())) {
                tx.minedAs(minedHash.toLowerCase(java.util.Locale.ROOT));
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

    private Uni<Void> replace(Tx db, ChainTx tx) {
        String before = tx.txHash();
        return chain.replace(db, tx).chain(done -> {
            if (!done) {
                LOG.warnf("%s transaction %s (nonce %d) has not mined and its fees are at the maximum %s wei per gas: waiting",
                        tx.purpose(), tx.txHash(), tx.nonce(), fees.maxFee());
                return resendIfUnknown(db, tx);
            }
            replaced.increment();
            LOG.warnf("%s transaction %s (nonce %d) did not mine: replaced by %s with max fee %s wei per gas", tx.purpose(),
                    before, tx.nonce(), tx.txHash(), tx.signing().maxFee());
            return send(db, tx);
        });
    }

    /** The receipt of the latest version, or of an earlier one that mined instead (null when none has). */
    private Uni<JsonObject> receiptOfAnyVersion(Tx db, ChainTx tx) {
        return rpc.receipt(tx.txHash()).chain(r -> r != null || tx.replacements() == 0 ? Uni.createFrom().item(r)
                : txs.versions(db, tx.id()).chain(hashes -> Multi.createFrom().iterable(hashes)
                        .filter(h -> !h.equalsIgnoreCase(tx.txHash()))
                        .onItem().transformToUniAndConcatenate(rpc::receipt)
                        .filter(java.util.Objects::nonNull).toUni()));
    }

    private Uni<Void> resendIfUnknown(Tx db, ChainTx tx) {
        return rpc.transaction(tx.txHash()).chain(known -> known != null ? Uni.createFrom().voidItem() : send(db, tx));
    }

}
