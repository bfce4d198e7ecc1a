package ai.marketplace.settlement.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.DepositLog;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.FundsDeposited;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.DepositRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Credits {@code Deposited} logs of the treasury once their block has {@code confirmations} confirmations.
 * The cursor (last credited block) moves in the same transaction as the credits, so a crash re-reads at most
 * one range; each log is credited once, keyed by (tx hash, log index); and a log is only trusted when its block
 * is still the canonical block at that height, so a deposit that a reorganisation removed is never credited.
 */
@ApplicationScoped
public class DepositWatcher {

    private static final Logger LOG = Logger.getLogger(DepositWatcher.class);
    static final String CURSOR = "deposits";
    private static final long MAX_RANGE = 2_000;

    private final ChainRpcClient rpc;
    private final Contracts contracts;
    private final ChainConfig config;
    private final DepositRepository deposits;
    private final AccountRepository accounts;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Transactions transactions;

    public DepositWatcher(ChainRpcClient rpc, Contracts contracts, ChainConfig config, DepositRepository deposits,
            AccountRepository accounts, Ledger ledger, Outbox outbox, Transactions transactions) {
        this.transactions = transactions;
        this.rpc = rpc;
        this.contracts = contracts;
        this.config = config;
        this.deposits = deposits;
        this.accounts = accounts;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    @Scheduled(identity = "deposit-watcher", every = "${marketplace.chain.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!contracts.ready()) {
            return Uni.createFrom().voidItem();
        }
        return scan().onFailure().recoverWithItem(e -> {
            LOG.warnf("Deposit scan failed, the next one retries: %s", e.toString());
            return null;
        }).replaceWithVoid();
    }

    /** One pass; returns the number of deposits credited. */
    public Uni<Integer> scan() {
        return transactions.run(this::scan);
    }

    private Uni<Integer> scan(Tx tx) {
        return deposits.lockCursor(tx, CURSOR).chain(cursor -> rpc.blockNumber().chain(headBig -> {
            long head = headBig.longValueExact();
            long confirmedTo = head - config.confirmations() + 1;
            if (confirmedTo <= cursor.block()) {
                return deposits.advance(tx, CURSOR, cursor.block(), head).replaceWith(0);
            }
            long from = cursor.block() + 1;
            long to = Math.min(confirmedTo, cursor.block() + MAX_RANGE);
            // One canonical-hash lookup per block, however many deposits it holds.
            java.util.Map<Long, String> canonical = new java.util.HashMap<>();
            return rpc.logs(contracts.treasury(), TreasuryCodec.DEPOSITED_TOPIC, from, to)
                    .chain(logs -> Multi.createFrom().iterable(logs)
                            // Not trusting the node's filter: only the treasury's own Deposited logs credit anything.
                            .select().where(l -> TreasuryCodec.isDepositBy((JsonObject) l, contracts.treasury()))
                            .onItem().transformToUniAndConcatenate(l -> credit(tx, TreasuryCodec.deposit((JsonObject) l), canonical))
                            .collect().asList())
                    .chain(credited -> deposits.advance(tx, CURSOR, to, head)
                            .replaceWith((int) credited.stream().filter(Boolean::booleanValue).count()));
        }));
    }

    private Uni<Boolean> credit(Tx tx, DepositLog log, java.util.Map<Long, String> hashes) {
        Uni<String> hash = hashes.containsKey(log.blockNumber()) ? Uni.createFrom().item(hashes.get(log.blockNumber()))
                : rpc.blockHash(log.blockNumber()).invoke(h -> hashes.put(log.blockNumber(), h));
        return hash.chain(canonical -> {
            if (!log.blockHash().equalsIgnoreCase(String.valueOf(canonical))) {
                LOG.warnf("Deposit %s#%d is in block %s, no longer canonical: not credited", log.txHash(), log.logIndex(),
                        log.blockHash());
                return Uni.createFrom().item(false);
            }
            return deposits.seen(tx, log.txHash(), log.logIndex()).chain(seen -> {
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
                                .chain(t -> deposits.insert(tx, depositId, log, null, null, t, "UNMATCHED")).replaceWith(false);
                    }
                    return ledger.post(tx, Account.CHAIN_CUSTODY, account.id(), amount, "DEPOSIT", corr)
                            .chain(t -> deposits.insert(tx, depositId, log, account.id(), account.ownerId(), t, "CREDITED"))
                            .chain(() -> ledger.watchBalance(tx, account.id()))
                            .chain(() -> outbox.append(tx, SettlementEvents.ACCOUNT, account.id().toString(), FundsDeposited.NAME,
                                    new FundsDeposited(depositId, account.id(), account.ownerId(), amount, log.txHash(),
                                            log.logIndex(), log.blockNumber(), OffsetDateTime.now(ZoneOffset.UTC))))
                            .replaceWith(true);
                });
            });
        });
    }
}
