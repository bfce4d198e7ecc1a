package ai.marketplace.settlement.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.FundsDeposited;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.DepositRepository;
import ai.marketplace.settlement.repository.DepositRepository.Unmatched;
import ai.marketplace.settlement.repository.WithdrawalRepository;
import io.smallrye.mutiny.Uni;

/**
 * Deposits to no known reference sit in SUSPENSE until an operator decides: credit them to the user they belong to
 * (a SUSPENSE_CREDIT transfer, and the user hears FundsDeposited), or send them back on chain (a withdrawal out of
 * SUSPENSE, paid in the next batch like any other). Each deposit is resolved once; the decision, who made it and
 * why stay on the deposit.
 */
@ApplicationScoped
public class SuspenseService {

    private static final Logger LOG = Logger.getLogger(SuspenseService.class);

    public enum Action {
        CREDIT, REFUND
    }

    /** What the operator decided: {@code ownerId} for a credit; {@code toAddress} for a refund (default: the sender). */
    public record Resolution(Action action, String ownerId, String toAddress, String reason) {
    }

    /** The resolved deposit: the transfer that moved it, and the refund withdrawal if there is one. */
    public record Resolved(UUID depositId, Action action, UUID transferId, UUID accountId, UUID withdrawalId, Amount amount) {
    }

    @Inject DepositRepository deposits;
    @Inject AccountRepository accounts;
    @Inject WithdrawalRepository withdrawals;
    @Inject Ledger ledger;
    @Inject Outbox outbox;
    @Inject Transactions transactions;

    /** A deposit waiting in SUSPENSE. */
    public record Waiting(UUID depositId, String txHash, long blockNumber, String from, Amount amount, OffsetDateTime createdAt) {
    }

    public Uni<List<Waiting>> waiting(int limit) {
        return transactions.read(tx -> deposits.unmatched(tx, limit)).map(list -> list.stream()
                .map(d -> new Waiting(d.id(), d.txHash(), d.blockNumber(), d.from(), new Amount(d.amount()), d.createdAt())).toList());
    }

    public Uni<Resolved> resolve(UUID depositId, String operator, Resolution r) {
        if (r.action() == Action.CREDIT && (r.ownerId() == null || r.ownerId().isBlank())) {
            throw ProblemException.invalid("body.ownerId", "is required to credit a deposit");
        }
        if (r.action() == Action.CREDIT && r.toAddress() != null) {
            throw ProblemException.invalid("body.toAddress", "applies to REFUND only");
        }
        if (r.action() == Action.REFUND && r.ownerId() != null) {
            throw ProblemException.invalid("body.ownerId", "applies to CREDIT only");
        }
        return transactions.run(tx -> deposits.lockUnmatched(tx, depositId).chain(d -> {
            if (d == null) {
                return deposits.exists(tx, depositId).map(exists -> {
                    throw exists ? new ProblemException(409, "deposit-not-in-suspense", "Deposit not in suspense",
                            "Deposit " + depositId + " was credited or resolved already; nothing changed")
                            : ProblemException.notFound("Deposit", depositId);
                });
            }
            Amount amount = new Amount(d.amount());
            LOG.infof("Operator %s resolves suspense deposit %s (%s) by %s: %s", operator, depositId, amount, r.action(), r.reason());
            return r.action() == Action.CREDIT ? credit(tx, d, amount, operator, r) : refund(tx, d, amount, operator, r);
        }));
    }

    private Uni<Resolved> credit(Tx tx, Unmatched d, Amount amount, String operator, Resolution r) {
        return accounts.openIfAbsent(tx, r.ownerId()).chain(a -> ledger.post(tx, Account.SUSPENSE, a.id(), amount,
                "SUSPENSE_CREDIT", d.id().toString())
                .call(t -> deposits.resolved(tx, d.id(), Action.CREDIT.name(), operator, r.reason(), t, a.id(), a.ownerId(), null))
                .call(() -> ledger.watchBalance(tx, a.id()))
                .call(() -> outbox.append(tx, SettlementEvents.ACCOUNT, a.id().toString(), FundsDeposited.NAME,
                        new FundsDeposited(d.id(), a.id(), a.ownerId(), amount, d.txHash(), d.logIndex(), d.blockNumber(),
                                OffsetDateTime.now(ZoneOffset.UTC))))
                .map(t -> new Resolved(d.id(), Action.CREDIT, t, a.id(), null, amount)));
    }

    private Uni<Resolved> refund(Tx tx, Unmatched d, Amount amount, String operator, Resolution r) {
        String to = (r.toAddress() == null ? d.from() : r.toAddress()).toLowerCase(Locale.ROOT);
        UUID id = UUID.randomUUID();
        return ledger.post(tx, Account.SUSPENSE, Account.CHAIN_CUSTODY, amount, "WITHDRAWAL", id.toString())
                .call(t -> withdrawals.insert(tx, Withdrawal.request(id, Account.SUSPENSE, "suspense:" + d.id(), to, amount, t)))
                .call(t -> deposits.resolved(tx, d.id(), Action.REFUND.name(), operator, r.reason(), t, null, null, id))
                .map(t -> new Resolved(d.id(), Action.REFUND, t, Account.SUSPENSE, id, amount));
    }
}
