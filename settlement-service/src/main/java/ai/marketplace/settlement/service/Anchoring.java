package ai.marketplace.settlement.service;

import java.math.BigInteger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.web3j.utils.Numeric;

import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.scheduling.TimerPass;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.config.SettlementConfig;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxPurpose;
import ai.marketplace.settlement.domain.MerkleTree;
import ai.marketplace.settlement.events.SettlementEvents.LedgerAnchored;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.repository.AnchorRepository;
import ai.marketplace.settlement.repository.TransferRepository.Transfer;
import ai.marketplace.settlement.repository.TransferRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Anchors the Merkle root of new ledger transfers on chain every {@code every-transfers} transfers or
 * {@code max-delay}, and proves any anchored transfer against its root. One anchoring pass at a time across
 * replicas (advisory lock); a reverted anchor frees its transfers for the next one.
 */
@ApplicationScoped
public class Anchoring {

    private static final Logger LOG = Logger.getLogger(Anchoring.class);
    private static final long LOCK = 0x616e63686f72L; // "anchor"

    @Inject TransferRepository transfers;
    @Inject AnchorRepository anchors;
    @Inject ChainTransactions chain;
    @Inject Contracts contracts;
    @Inject Outbox outbox;
    @Inject SettlementConfig config;
    @Inject Transactions transactions;

    @Scheduled(identity = "ledger-anchoring", every = "${marketplace.settlement.anchoring.check-interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!contracts.ready()) {
            return Uni.createFrom().voidItem();
        }
        return TimerPass.guarded(LOG, "Anchoring pass", anchorDue());
    }

    /** @return the anchor submitted, or null when nothing was due */
    public Uni<UUID> anchorDue() {
        // Sequence numbers are drawn before their transactions commit, so they become visible out of order: anchor
        // only below the committed horizon, one anchor in flight at a time, each starting where the last ended
        // (the Treasury refuses anything else). The horizon's table lock holds postings off for a moment, so it is
        // taken only once a plain read has found an anchor due, not on every check.
        return transactions.read(db -> anchors.inFlight(db).chain(busy -> busy ? Uni.createFrom().item(false)
                : start(db).chain(from -> from == null ? Uni.createFrom().item(false)
                        : transfers.range(db, from, Long.MAX_VALUE, config.anchoring().maxTransfers())
                                .map(pending -> !pending.isEmpty() && due(pending)))))
                .chain(worth -> !worth ? Uni.createFrom().<UUID>nullItem() : transactions.run(transfers::committedHorizon)
                        .chain(horizon -> transactions.run(db -> anchors.tryLock(db, LOCK).chain(locked -> !locked
                                ? Uni.createFrom().<UUID>nullItem()
                                : anchors.inFlight(db).chain(busy -> busy ? Uni.createFrom().<UUID>nullItem()
                                        : start(db).chain(from -> from == null || from > horizon ? Uni.createFrom().<UUID>nullItem()
                                                : transfers.range(db, from, horizon, config.anchoring().maxTransfers())
                                                        .chain(pending -> pending.isEmpty() || !due(pending)
                                                                ? Uni.createFrom().<UUID>nullItem()
                                                                : submit(db, from, pending))))))));
    }

    /** Where the next anchor starts: after the last one that did not fail, else at the first unanchored transfer. */
    private Uni<Long> start(Tx db) {
        return anchors.nextSeq(db).chain(next -> next != null ? Uni.createFrom().item(next) : transfers.firstUnanchored(db));
    }

    private boolean due(List<Transfer> pending) {
        if (pending.size() >= config.anchoring().everyTransfers()) {
            return true;
        }
        Duration age = Duration.between(pending.get(0).createdAt(), OffsetDateTime.now(ZoneOffset.UTC));
        return age.compareTo(config.anchoring().maxDelay()) >= 0;
    }

    /** {@code first}: where the range starts, which is below the first transfer when a rolled-back one left a gap. */
    private Uni<UUID> submit(Tx db, long first, List<Transfer> pending) {
        List<byte[]> leaves = pending.stream().map(Anchoring::leaf).toList();
        MerkleTree tree = new MerkleTree(leaves);
        long last = pending.get(pending.size() - 1).seq();
        BigInteger gas = BigInteger.valueOf(150_000);
        UUID anchorId = UUID.randomUUID();
        return chain.submit(db, ChainTxPurpose.ANCHOR, contracts.treasury(), TreasuryCodec.anchor(tree.root(), first, last), gas)
                .chain(tx -> anchors.insert(db, anchorId, tree.root(), first, last, pending.size(), tx.id()))
                .chain(() -> anchors.insertLeaves(db, anchorId, pending.stream().map(Transfer::seq).toList()))
                .invoke(() -> LOG.infof("Anchoring %d transfers (seq %d..%d), root %s", pending.size(), first, last,
                        Numeric.toHexString(tree.root())))
                .replaceWith(anchorId);
    }

    /** Called by the tracker in its transaction once the anchor transaction has its confirmations. */
    public Uni<Void> settled(Tx db, ChainTx tx, boolean success, io.vertx.core.json.JsonObject receipt) {
        return anchors.byChainTx(db, tx.id()).chain(a -> {
            if (a == null) {
                return Uni.createFrom().voidItem();
            }
            if (!success) {
                return anchors.failed(db, a.id());
            }
            long index = TreasuryCodec.anchoredIndex(receipt);
            return anchors.anchored(db, a.id(), index).chain(() -> outbox.append(db, SettlementEvents.ANCHOR, a.id().toString(),
                    LedgerAnchored.NAME, new LedgerAnchored(a.id(), index, Numeric.toHexString(a.root()), a.firstSeq(),
                            a.lastSeq(), a.leafCount(), tx.txHash()))).replaceWithVoid();
        });
    }

    /** The inclusion proof of a transfer (404 until it is anchored and the anchor has its confirmations). */
    public Uni<TransferProof> proof(Tx db, Transfer t) {
        return anchors.anchorOf(db, t.seq()).chain(a -> {
            if (a == null || a.chainIndex() == null) {
                throw new ProblemException(404, "not-anchored-yet", "Not anchored yet",
                        "Transfer " + t.id() + " is not in a confirmed anchor yet; anchors are written every "
                                + config.anchoring().everyTransfers() + " transfers or " + config.anchoring().maxDelay());
            }
            return anchors.leafSeqs(db, a.id()).chain(seqs -> transfers.bySeqs(db, seqs)).map(all -> {
                List<byte[]> leaves = new ArrayList<>();
                int index = -1;
                for (int i = 0; i < all.size(); i++) {
                    leaves.add(leaf(all.get(i)));
                    if (all.get(i).seq() == t.seq()) {
                        index = i;
                    }
                }
                MerkleTree tree = new MerkleTree(leaves);
                byte[] leaf = leaves.get(index);
                return new TransferProof(t.id(), t.seq(), Numeric.toHexString(leaf),
                        tree.proof(index).stream().map(Numeric::toHexString).toList(), Numeric.toHexString(tree.root()),
                        a.chainIndex(), a.txHash(), contracts.treasury(),
                        MerkleTree.LEAF_ENCODING, t.debitAccount(), t.creditAccount(), t.amount().toString(), t.kind(),
                        t.correlationId() == null ? "" : t.correlationId());
            });
        });
    }

    static byte[] leaf(Transfer t) {
        return MerkleTree.leaf(t.seq(), t.id(), t.debitAccount(), t.creditAccount(), t.amount(), t.kind(), t.correlationId());
    }
}
