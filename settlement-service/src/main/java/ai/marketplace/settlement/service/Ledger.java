package ai.marketplace.settlement.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.settlement.messaging.SettlementEvents;
import ai.marketplace.settlement.messaging.SettlementEvents.BalanceLow;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.TransferRepository;
import io.smallrye.mutiny.Uni;

/**
 * Posts transfers inside the caller's transaction. The database makes each posting balanced and refuses negative
 * user balances; callers that must not fail on a short balance check it first with {@link AccountRepository#lockBalance}.
 */
@ApplicationScoped
public class Ledger {

    private final TransferRepository transfers;
    private final AccountRepository accounts;
    private final Outbox outbox;

    public Ledger(TransferRepository transfers, AccountRepository accounts, Outbox outbox) {
        this.transfers = transfers;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** @return the transfer id, or null when the amount is zero (nothing to post) */
    public Uni<UUID> post(UUID debit, UUID credit, Amount amount, String kind, String correlation) {
        return post(debit, credit, amount, kind, correlation, null);
    }

    public Uni<UUID> reverse(UUID original, UUID debit, UUID credit, Amount amount, String kind, String correlation) {
        return post(debit, credit, amount, kind, correlation, original);
    }

    private Uni<UUID> post(UUID debit, UUID credit, Amount amount, String kind, String correlation, UUID reverses) {
        if (amount.isZero()) {
            return Uni.createFrom().nullItem();
        }
        UUID id = UUID.randomUUID();
        return transfers.insert(id, debit, credit, amount, kind, correlation, reverses).replaceWith(id);
    }

    /**
     * After a user account's balance moved: publishes {@code BalanceLow} once per crossing below the owner's
     * threshold.
     */
    public Uni<Void> watchBalance(UUID accountId) {
        return accounts.findById(accountId).chain(a -> {
            if (a == null || !"USER".equals(a.kind()) || a.lowBalanceThreshold() == null) {
                return Uni.createFrom().voidItem();
            }
            return accounts.balance(accountId).chain(balance -> {
                if (!a.crossedLowBalance(balance)) {
                    return Uni.createFrom().voidItem();
                }
                return outbox.append(SettlementEvents.ACCOUNT, a.id().toString(), BalanceLow.NAME,
                        new BalanceLow(a.id(), a.ownerId(), new Amount(balance), a.lowBalanceThreshold())).replaceWithVoid();
            });
        });
    }

}
