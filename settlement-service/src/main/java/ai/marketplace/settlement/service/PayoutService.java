package ai.marketplace.settlement.service;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import ai.marketplace.platform.idempotency.Idempotency;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.scheduling.TimerPass;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.client.TreasuryCodec;
import ai.marketplace.settlement.config.SettlementConfig;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxPurpose;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.events.SettlementEvents.WithdrawalCompleted;
import ai.marketplace.settlement.events.SettlementEvents.WithdrawalFailed;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.AnchorRepository;
import ai.marketplace.settlement.repository.WithdrawalRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final ChainRpcClient rpc;
    private final Counter restoredPaid;

    public PayoutService(WithdrawalRepository withdrawals, AccountRepository accounts, AnchorRepository locks, Ledger ledger,
            ChainTransactions chain, Contracts contracts, Outbox outbox, Idempotency idempotency, Transactions transactions,
            SettlementConfig config, ChainRpcClient rpc, MeterRegistry registry) {
        this.rpc = rpc;
        this.restoredPaid = Counter.builder("marketplace.settlement.withdrawals.found.paid").description(
                "Withdrawals this database had waiting that the Treasury had already paid (a restore): not paid again")
                .register(registry);
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
        var rules = config.withdrawals();
        if (amount.value().compareTo(rules.minimum()) < 0) {
            throw new ProblemException(422, "withdrawal-below-minimum", "Withdrawal below the minimum",
                    "Withdrawals start at " + rules.minimum() + " base units: each one is a transfer the platform pays gas for")
                    .with(Map.of("minimum", rules.minimum().toString()));
        }
        Amount fee = new Amount(rules.fee());
        return transactions.run(tx -> idempotency.once(tx, owner, key, Map.of("amount", amount.toString()), answer,
                () -> accounts.userAccount(tx, owner).chain(a -> {
            if (a == null || a.chainAddress() == null) {
                throw new ProblemException(409, "no-linked-address", "No linked address",
                        "Withdrawals are paid to your linked chain address: link one with POST /v1/accounts/me/address-challenges and POST /v1/accounts/me/address");
            }
            // The balance lock comes first: it serialises this account's requests, so the open count is exact.
            return accounts.lockBalance(tx, a.id()).chain(available -> withdrawals.openCount(tx, a.id()).chain(open -> {
                if (open >= rules.maxOpen()) {
                    throw new ProblemException(409, "too-many-open-withdrawals", "Too many open withdrawals",
                            "You have " + open + " withdrawals waiting to be paid; at most " + rules.maxOpen()
                                    + " may be open at once. Wait for them to complete, or withdraw a larger amount.")
                            .with(Map.of("open", open, "maxOpen", rules.maxOpen()));
                }
                Amount total = amount.plus(fee);
                if (available.compareTo(total.value()) < 0) {
                    throw new ProblemException(409, "insufficient-funds", "Insufficient funds",
                            "You asked for " + amount + " plus the withdrawal fee of " + fee + " but " + available
                                    + " is available")
                            .with(Map.of("available", available.toString(), "fee", fee.toString()));
                }
                UUID id = UUID.randomUUID();
                Uni<UUID> feeTransfer = fee.isZero() ? Uni.createFrom().nullItem()
                        : ledger.post(tx, a.id(), Account.WITHDRAWAL_FEES, fee, "WITHDRAWAL_FEE", id.toString());
                return ledger.post(tx, a.id(), Account.CHAIN_CUSTODY, amount, "WITHDRAWAL", id.toString())
                        .chain(transfer -> feeTransfer.map(feeId -> Withdrawal.request(id, a.id(), owner, a.chainAddress(),
                                amount, transfer).withFee(fee, feeId, null)))
                        .call(w -> withdrawals.insert(tx, w))
                        .call(() -> ledger.watchBalance(tx, a.id()));
            }));
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
        return TimerPass.guarded(LOG, "Payout batching", batchWaiting());
    }

    /** Puts up to batch-size waiting withdrawals into one signed payout; returns how many. */
    public Uni<Integer> batchWaiting() {
        return transactions.run(this::batchWaiting);
    }

    private Uni<Integer> batchWaiting(Tx db) {
        return locks.tryLock(db, LOCK).chain(locked -> !locked ? Uni.createFrom().item(0)
                : withdrawals.claimWaiting(db, config.payouts().batchSize()).chain(claimed -> claimed.isEmpty()
                        ? Uni.createFrom().item(0)
                        : skipPaid(db, claimed).chain(batch -> batch.isEmpty() ? Uni.createFrom().item(0) : pay(db, batch))));
    }

    /**
     * Asks the Treasury which of the claimed withdrawals it has paid already: after a restore from a backup taken
     * before their payout, this database believes them waiting. Those complete without being paid again; the rest
     * are returned for the batch. The Treasury refuses any id paid before, so this check saves a reverted payout,
     * while the contract is what makes paying twice impossible.
     */
    private Uni<List<Withdrawal>> skipPaid(Tx db, List<Withdrawal> claimed) {
        List<byte[]> ids = claimed.stream().map(w -> TreasuryCodec.withdrawalId(w.id())).toList();
        return rpc.ethCall(contracts.treasury(), TreasuryCodec.paidOf(ids)).map(TreasuryCodec::paidOfResult)
                .chain(paid -> {
                    List<Withdrawal> waiting = new ArrayList<>();
                    List<Withdrawal> known = new ArrayList<>();
                    for (int i = 0; i < claimed.size(); i++) {
                        (paid.get(i) ? known : waiting).add(claimed.get(i));
                    }
                    return Multi.createFrom().iterable(known).onItem().transformToUniAndConcatenate(w -> foundPaid(db, w))
                            .collect().asList().replaceWith(waiting);
                });
    }

    private Uni<Void> foundPaid(Tx db, Withdrawal w) {
        LOG.warnf("Withdrawal %s is already paid on chain though this database had it waiting (restored from a backup?):"
                + " completed without paying again", w.id());
        restoredPaid.increment();
        return rpc.logs(contracts.treasury(), TreasuryCodec.WITHDRAWAL_PAID_TOPIC, 0, null,
                Numeric.toHexString(TreasuryCodec.withdrawalId(w.id()))).chain(logs -> {
                    String txHash = logs.isEmpty() ? "unknown" : logs.getJsonObject(0).getString("transactionHash");
                    w.foundPaid();
                    return withdrawals.update(db, w).chain(() -> outbox.append(db, SettlementEvents.WITHDRAWAL, w.id().toString(),
                            WithdrawalCompleted.NAME, new WithdrawalCompleted(w.id(), w.accountId(), w.ownerId(), w.toAddress(),
                                    w.amount(), txHash)));
                }).replaceWithVoid();
    }

    /**
     * One payout for the batch: one transfer per account and address, paying all of that account's waiting
     * withdrawals, and a batch reference derived from the withdrawal ids (not random), so the same batch built
     * again after a restore is the same batch on chain.
     */
    private Uni<Integer> pay(Tx db, List<Withdrawal> batch) {
        Map<String, List<Withdrawal>> byPayee = new LinkedHashMap<>();
        for (Withdrawal w : batch) {
            byPayee.computeIfAbsent(w.accountId() + "/" + w.toAddress(), k -> new ArrayList<>()).add(w);
        }
        List<TreasuryCodec.Payment> payments = byPayee.values().stream().map(ws -> new TreasuryCodec.Payment(
                ws.get(0).toAddress(), ws.stream().map(w -> w.amount().value()).reduce(BigInteger.ZERO, BigInteger::add),
                ws.stream().map(w -> TreasuryCodec.withdrawalId(w.id())).toList())).toList();
        byte[] ref = batchRef(batch);
        UUID batchId = UUID.nameUUIDFromBytes(ref);
        BigInteger total = payments.stream().map(TreasuryCodec.Payment::amount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger gas = BigInteger.valueOf(100_000L + 45_000L * payments.size() + 30_000L * batch.size());
        return chain.submit(db, ChainTxPurpose.PAYOUT, contracts.treasury(), TreasuryCodec.payoutBatch(ref, payments), gas)
                .chain(tx -> withdrawals.insertBatch(db, batchId, ref, tx.id(), payments.size(), total))
                .chain(() -> Multi.createFrom().iterable(batch).onItem().transformToUniAndConcatenate(w -> {
                    w.batched(batchId);
                    return withdrawals.update(db, w);
                }).collect().asList())
                .invoke(() -> LOG.infof("Payout batch %s: %d withdrawals in %d transfers, %s base units", batchId,
                        batch.size(), payments.size(), total))
                .replaceWith(batch.size());
    }

    /** keccak256 of the batch's withdrawal ids in ascending order. */
    static byte[] batchRef(List<Withdrawal> batch) {
        List<byte[]> ids = batch.stream().map(w -> TreasuryCodec.withdrawalId(w.id())).sorted(java.util.Arrays::compareUnsigned).toList();
        byte[] all = new byte[32 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            System.arraycopy(ids.get(i), 0, all, 32 * i, 32);
        }
        return Hash.sha3(all);
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
        // The payout failed through no fault of the user's: the fee goes back with the amount.
        Uni<UUID> feeBack = w.fee().isZero() ? Uni.createFrom().nullItem()
                : ledger.reverse(db, w.feeTransferId(), Account.WITHDRAWAL_FEES, w.accountId(), w.fee(), "WITHDRAWAL_FEE_REVERSAL",
                        w.id().toString());
        return ledger.reverse(db, w.transferId(), Account.CHAIN_CUSTODY, w.accountId(), w.amount(), "WITHDRAWAL_REVERSAL",
                w.id().toString())
                .chain(reversal -> feeBack.invoke(feeReversal -> w.failed("PAYOUT_REVERTED", reversal, feeReversal)))
                .chain(() -> withdrawals.update(db, w))
                .chain(() -> ledger.watchBalance(db, w.accountId()))
                .chain(() -> outbox.append(db, SettlementEvents.WITHDRAWAL, w.id().toString(), WithdrawalFailed.NAME,
                        new WithdrawalFailed(w.id(), w.accountId(), w.ownerId(), w.amount(), "PAYOUT_REVERTED")))
                .replaceWithVoid();
    }
}
