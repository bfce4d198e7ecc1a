package ai.marketplace.settlement.service;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.config.SettlementConfig;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxPurpose;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.WithdrawalCompleted;
import ai.marketplace.settlement.events.SettlementEvents.WithdrawalFailed;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.AnchorRepository;
import ai.marketplace.settlement.repository.WithdrawalRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Withdrawals: the ledger is debited when the user asks (so the money cannot be spent twice), waiting
 * withdrawals are paid in batches by one {@code payoutBatch} transaction, and a batch that reverts is reversed
 * in the ledger entry by entry.
 */
@ApplicationScoped
public class PayoutService {

    private static final Logger LOG = Logger.getLogger(PayoutService.class);
    private static final long LOCK = 0x7061796f7574L; // "payout"
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WithdrawalRepository withdrawals;
    private final AccountRepository accounts;
    private final AnchorRepository locks;
    private final Ledger ledger;
    private final ChainTransactions chain;
    private final Contracts contracts;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final Transactions transactions;
    private final SettlementConfig config;

    public PayoutService(WithdrawalRepository withdrawals, AccountRepository accounts, AnchorRepository locks, Ledger ledger,
            ChainTransactions chain, Contracts contracts, Outbox outbox, Idempotency idempotency, Transactions transactions,
            SettlementConfig config) {
        this.transactions = transactions;
        this.withdrawals = withdrawals;
        this.accounts = accounts;
        this.locks = locks;
        this.ledger = ledger;
        this.chain = chain;
        this.contracts = contracts;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.config = config;
    }

    /**
     * Debits the caller's available balance now; pays their linked address in the next batch. The answer a repeated
     * Idempotency-Key replays is stored as {@code present} shows the withdrawal.
     */
    public <V> Uni<Idempotency.Outcome<V>> request(String owner, String key, Amount amount, Class<V> answer,
            Function<Withdrawal, V> present) {
        if (amount.isZero()) {
            throw ProblemException.invalid("body.amount", "must be greater than 0");
        }
        return transactions.run(tx -> idempotency.once(tx, owner, key, Map.of("amount", amount.toString()), answer,
                () -> accounts.userAccount(tx, owner).chain(a -> {
            if (a == null || a.chainAddress() == null) {
                throw new ProblemException(409, "no-linked-address", "No linked address",
                        "Withdrawals are paid to your linked chain address: link one with POST /v1/accounts/me/address-challenges and POST /v1/accounts/me/address");
            }
            return accounts.lockBalance(tx, a.id()).chain(available -> {
                if (available.compareTo(amount.value()) < 0) {
                    throw new ProblemException(409, "insufficient-funds", "Insufficient funds",
                            "You asked for " + amount + " but " + available + " is available")
                            .with(Map.of("available", available.toString()));
                }
                UUID id = UUID.randomUUID();
                return ledger.post(tx, a.id(), Account.CHAIN_CUSTODY, amount, "WITHDRAWAL", id.toString())
                        .map(transfer -> Withdrawal.request(id, a.id(), owner, a.chainAddress(), amount, transfer))
                        .call(w -> withdrawals.insert(tx, w))
                        .call(() -> ledger.watchBalance(tx, a.id()));
            });
        }).map(present)));
    }

    public Uni<Withdrawal> get(UUID id, String caller, boolean operator) {
        return transactions.read(tx -> withdrawals.find(tx, id)).map(w -> {
            if (w == null || !(operator || w.ownerId().equals(caller))) {
                throw ProblemException.notFound("Withdrawal", id);
            }
            return w;
        });
    }

    @Scheduled(identity = "payout-batches", every = "${marketplace.settlement.payouts.interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!contracts.ready()) {
            return Uni.createFrom().voidItem();
        }
        return batchWaiting().onFailure().recoverWithItem(e -> {
            LOG.warnf("Payout batching failed, the next pass retries: %s", e.toString());
            return null;
        }).replaceWithVoid();
    }

    /** Puts up to batch-size waiting withdrawals into one signed payout; returns how many. */
    public Uni<Integer> batchWaiting() {
        return transactions.run(this::batchWaiting);
    }

    private Uni<Integer> batchWaiting(Tx db) {
        return locks.tryLock(db, LOCK).chain(locked -> !locked ? Uni.createFrom().item(0)
                : withdrawals.claimWaiting(db, config.payouts().batchSize()).chain(batch -> {
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    UUID batchId = UUID.randomUUID();
                    byte[] ref = new byte[32];
                    RANDOM.nextBytes(ref);
                    List<String> to = batch.stream().map(Withdrawal::toAddress).toList();
                    List<BigInteger> amounts = batch.stream().map(w -> w.amount().value()).toList();
                    BigInteger total = amounts.stream().reduce(BigInteger.ZERO, BigInteger::add);
                    BigInteger gas = BigInteger.valueOf(100_000L + 45_000L * batch.size());
                    return chain.submit(db, ChainTxPurpose.PAYOUT, contracts.treasury(), TreasuryCodec.payoutBatch(ref, to, amounts), gas)
                            .chain(tx -> withdrawals.insertBatch(db, batchId, ref, tx.id(), batch.size(), total))
                            .chain(() -> Multi.createFrom().iterable(batch).onItem().transformToUniAndConcatenate(w -> {
                                w.batched(batchId);
                                return withdrawals.update(db, w);
                            }).collect().asList())
                            .invoke(() -> LOG.infof("Payout batch %s: %d withdrawals, %s base units", batchId, batch.size(), total))
                            .replaceWith(batch.size());
                }));
    }

    /** Called by the tracker, in its transaction, when the payout transaction is final. */
    public Uni<Void> settled(Tx db, ChainTx tx, boolean success) {
        return withdrawals.batchOf(db, tx.id()).chain(batch -> batch == null ? Uni.createFrom().voidItem()
                : withdrawals.inBatch(db, batch).chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(w -> success ? completed(db, w, tx) : reversed(db, w))
                        .collect().asList())
                        .chain(() -> withdrawals.batchSettled(db, batch, success)));
    }

    private Uni<Void> completed(Tx db, Withdrawal w, ChainTx tx) {
        w.completed();
        return withdrawals.update(db, w).chain(() -> outbox.append(db, SettlementEvents.WITHDRAWAL, w.id().toString(), WithdrawalCompleted.NAME,
                new WithdrawalCompleted(w.id(), w.accountId(), w.ownerId(), w.toAddress(), w.amount(), tx.txHash())))
                .replaceWithVoid();
    }

    private Uni<Void> reversed(Tx db, Withdrawal w) {
        return ledger.reverse(db, w.transferId(), Account.CHAIN_CUSTODY, w.accountId(), w.amount(), "WITHDRAWAL_REVERSAL",
                w.id().toString())
                .invoke(reversal -> w.failed("PAYOUT_REVERTED", reversal))
                .chain(() -> withdrawals.update(db, w))
                .chain(() -> ledger.watchBalance(db, w.accountId()))
                .chain(() -> outbox.append(db, SettlementEvents.WITHDRAWAL, w.id().toString(), WithdrawalFailed.NAME,
                        new WithdrawalFailed(w.id(), w.accountId(), w.ownerId(), w.amount(), "PAYOUT_REVERTED")))
                .replaceWithVoid();
    }
}
