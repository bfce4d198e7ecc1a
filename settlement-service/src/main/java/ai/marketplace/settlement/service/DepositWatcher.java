package ai.marketplace.settlement.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.scheduling.TimerPass;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.DepositLog;
import ai.marketplace.settlement.events.SettlementEvents.FundsDeposited;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.DepositRepository.Checkpoint;
import ai.marketplace.settlement.repository.DepositRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Credits {@code Deposited} logs of the treasury once their block is final ({@link Finality}). The cursor (last
 * credited block) moves in the same transaction as the credits, so a crash re-reads at most one range; each log is
 * credited once, keyed by its transaction and its place among that transaction's deposits, so a transaction re-mined
 * in another block is not paid twice. The chain is never trusted to stay put: a log whose block is no longer the
 * canonical block at its height aborts the pass (nothing credited, the cursor stays), and before each pass the
 * blocks the cursor last read up to are checked; when one is no longer canonical the chain forked below the
 * cursor, which rewinds to the newest block both branches share and reads the new branch.
 */
@ApplicationScoped
public class DepositWatcher {

    private static final Logger LOG = Logger.getLogger(DepositWatcher.class);
    static final String CURSOR = "deposits";
    private static final long MAX_RANGE = 2_000;

    private final ChainRpcClient rpc;
    private final Contracts contracts;
    private final ChainConfig config;
    private final Finality finality;
    private final DepositRepository deposits;
    private final AccountRepository accounts;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Transactions transactions;
    private final Counter reorgs;
    private final Counter aborted;

    public DepositWatcher(ChainRpcClient rpc, Contracts contracts, ChainConfig config, Finality finality,
            DepositRepository deposits, AccountRepository accounts, Ledger ledger, Outbox outbox, Transactions transactions,
            MeterRegistry registry) {
        this.transactions = transactions;
        this.rpc = rpc;
        this.contracts = contracts;
        this.config = config;
        this.finality = finality;
        this.deposits = deposits;
        this.accounts = accounts;
        this.ledger = ledger;
        this.outbox = outbox;
        this.reorgs = Counter.builder("marketplace.chain.reorgs").description(
                "Forks found below the deposit cursor: it rewound to the common block and read the new branch").register(registry);
        this.aborted = Counter.builder("marketplace.chain.deposit.scans.aborted").description(
                "Deposit passes abandoned because a log's block stopped being canonical while it was read").register(registry);
    }

    @Scheduled(identity = "deposit-watcher", every = "${marketplace.chain.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!contracts.ready()) {
            return Uni.createFrom().voidItem();
        }
        return TimerPass.guarded(LOG, "Deposit scan", scan());
    }

    /** One pass; returns the number of deposits credited. */
    public Uni<Integer> scan() {
        return transactions.run(this::scan);
    }

    private Uni<Integer> scan(Tx tx) {
        return deposits.lockCursor(tx, CURSOR).chain(cursor -> finality.view().chain(view -> deposits.checkpoints(tx, CURSOR)
                .chain(checkpoints -> forkPoint(checkpoints, cursor.block()).chain(fork -> {
                    if (fork.isPresent()) {
                        long back = fork.getAsLong();
                        reorgs.increment();
                        LOG.warnf("The chain forked below the deposit cursor (block %d): reading again from block %d",
                                cursor.block(), back + 1);
                        return deposits.rewind(tx, CURSOR, back, view.head()).replaceWith(0);
                    }
                    if (view.finalBlock() <= cursor.block()) {
                        return deposits.advance(tx, CURSOR, cursor.block(), view.head()).replaceWith(0);
                    }
                    return read(tx, cursor.block() + 1, Math.min(view.finalBlock(), cursor.block() + MAX_RANGE), view.head());
                }))));
    }

    /**
     * Empty when the cursor's newest checkpoint is still canonical; otherwise the block to rewind to: the newest
     * checkpoint still canonical, or as far back as the history reaches when none is.
     */
    private Uni<OptionalLong> forkPoint(List<Checkpoint> checkpoints, long cursor) {
        if (checkpoints.isEmpty()) {
            return Uni.createFrom().item(OptionalLong.empty());
        }
        return canonical(checkpoints.get(0)).chain(same -> {
            if (same) {
                return Uni.createFrom().item(OptionalLong.empty());
            }
            return Multi.createFrom().iterable(checkpoints.subList(1, checkpoints.size()))
                    .onItem().transformToUniAndConcatenate(c -> canonical(c).map(ok -> ok ? c.block() : -1L))
                    .select().where(b -> b >= 0).toUni()
                    .map(b -> OptionalLong.of(b != null ? b
                            : Math.max(0, checkpoints.get(checkpoints.size() - 1).block() - config.reorgHistory())));
        });
    }

    private Uni<Boolean> canonical(Checkpoint c) {
        return rpc.blockHash(c.block()).map(h -> c.hash().equalsIgnoreCase(String.valueOf(h)));
    }

    private Uni<Integer> read(Tx tx, long from, long to, long head) {
        // One canonical-hash lookup per block, however many deposits it holds; the range's last block is read first
        // and remembered, so a fork after this pass is found by the next one.
        Map<Long, String> canonical = new HashMap<>();
        return rpc.blockHash(to).invoke(h -> {
            if (h == null) {
                throw new ChainMoved("block " + to + " is gone: the chain got shorter, the next pass reads again");
            }
            canonical.put(to, h);
        }).chain(toHash -> rpc.logs(contracts.treasury(), TreasuryCodec.DEPOSITED_TOPIC, from, to).chain(logs -> {
                    // Not trusting the node's filter: only the treasury's own Deposited logs credit anything.
                    List<DepositLog> found = new ArrayList<>();
                    for (Object l : logs) {
                        if (TreasuryCodec.isDepositBy((JsonObject) l, contracts.treasury())) {
                            found.add(TreasuryCodec.deposit((JsonObject) l));
                        }
                    }
                    found.sort(Comparator.comparingLong(DepositLog::blockNumber).thenComparingInt(DepositLog::logIndex));
                    Map<String, Integer> ordinals = new HashMap<>();
                    return Multi.createFrom().iterable(found)
                            .onItem().transformToUniAndConcatenate(log -> credit(tx, log,
                                    ordinals.merge(log.txHash(), 1, Integer::sum) - 1, canonical))
                            .collect().asList()
                            .call(() -> deposits.checkpoint(tx, CURSOR, to, toHash, config.reorgHistory()))
                            .call(() -> deposits.advance(tx, CURSOR, to, head))
                            .map(credited -> (int) credited.stream().filter(Boolean::booleanValue).count());
                }));
    }

    private Uni<Boolean> credit(Tx tx, DepositLog log, int ordinal, Map<Long, String> hashes) {
        Uni<String> hash = hashes.containsKey(log.blockNumber()) ? Uni.createFrom().item(hashes.get(log.blockNumber()))
                : rpc.blockHash(log.blockNumber()).invoke(h -> hashes.put(log.blockNumber(), h));
        return hash.chain(canonical -> {
            if (!log.blockHash().equalsIgnoreCase(String.valueOf(canonical))) {
                // The chain is reorganising under this pass: credit nothing of it and read again next time.
                aborted.increment();
                throw new ChainMoved("deposit " + log.txHash() + "#" + log.logIndex() + " is in block " + log.blockHash()
                        + ", no longer the canonical block " + log.blockNumber() + ": pass abandoned, the next one reads again");
            }
            return deposits.seen(tx, log.txHash(), ordinal).chain(seen -> {
                if (seen) {
                    LOG.debugf("Deposit %s#%d already credited", log.txHash(), log.logIndex());
                    return Uni.createFrom().item(false);
                }
                Amount amount = new Amount(log.amount());
                UUID depositId = UUID.randomUUID();
                String corr = log.txHash() + "#" + log.logIndex();
                return accounts.byDepositRef(tx, log.accountRef()).chain(account -> {
                    if (account == null) {
                        LOG.warnf("Deposit %s of %s to unknown reference: held in SUSPENSE for an operator", corr, amount);
                        return ledger.post(tx, Account.CHAIN_CUSTODY, Account.SUSPENSE, amount, "UNMATCHED_DEPOSIT", corr)
                                .chain(t -> deposits.insert(tx, depositId, log, ordinal, null, null, t, "UNMATCHED")).replaceWith(false);
                    }
                    return ledger.post(tx, Account.CHAIN_CUSTODY, account.id(), amount, "DEPOSIT", corr)
                            .chain(t -> deposits.insert(tx, depositId, log, ordinal, account.id(), account.ownerId(), t, "CREDITED"))
                            .chain(() -> ledger.watchBalance(tx, account.id()))
                            .chain(() -> outbox.append(tx, SettlementEvents.ACCOUNT, account.id().toString(), FundsDeposited.NAME,
                                    new FundsDeposited(depositId, account.id(), account.ownerId(), amount, log.txHash(),
                                            log.logIndex(), log.blockNumber(), OffsetDateTime.now(ZoneOffset.UTC))))
                            .replaceWith(true);
                });
            });
        });
    }

    /** The chain changed while a pass read it; the transaction rolls back and the next pass reads again. */
    static final class ChainMoved extends RuntimeException {
        ChainMoved(String message) {
            super(message, null, false, false);
        }
    }
}
