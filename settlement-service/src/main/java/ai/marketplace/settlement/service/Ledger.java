package ai.marketplace.settlement.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.LowBalance;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.BalanceLow;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.Postings;
import ai.marketplace.settlement.repository.TransferRepository;
import io.smallrye.mutiny.Uni;

/**
 * Posts transfers inside the caller's transaction. The database makes each posting balanced and refuses negative
 * user balances; callers that must not fail on a short balance check it first with {@link AccountRepository#lockBalance}.
 */
@ApplicationScoped
public class Ledger {

    @Inject TransferRepository transfers;
    @Inject Postings postings;
    @Inject Outbox outbox;

    /** @return the transfer id, or null when the amount is zero (nothing to post) */
    public Uni<UUID> post(Tx tx, UUID debit, UUID credit, Amount amount, String kind, String correlation) {
        return post(tx, debit, credit, amount, kind, correlation, null);
    }

    public Uni<UUID> reverse(Tx tx, UUID original, UUID debit, UUID credit, Amount amount, String kind, String correlation) {
        return post(tx, debit, credit, amount, kind, correlation, original);
    }

    private Uni<UUID> post(Tx tx, UUID debit, UUID credit, Amount amount, String kind, String correlation, UUID reverses) {
        if (amount.isZero()) {
            return Uni.createFrom().nullItem();
        }
        UUID id = UUID.randomUUID();
        return transfers.insert(tx, id, debit, credit, amount, kind, correlation, reverses).replaceWith(id);
    }

    /**
     * After a user account's balance moved: publishes {@code BalanceLow} once per crossing below the owner's
     * threshold.
     */
    public Uni<Void> watchBalance(Tx tx, UUID accountId) {
        return postings.watch(tx, accountId).chain(lows -> announce(tx, lows));
    }

    /** BalanceLow for each account a posting just took below its owner's threshold. */
    public Uni<Void> announce(Tx tx, List<LowBalance> lows) {
        return outbox.appendAll(tx, lowBalanceEvents(lows, null));
    }

    /** The BalanceLow events of {@code lows}, answering {@code cause} (null: the current request). */
    public List<Outbox.Draft> lowBalanceEvents(List<LowBalance> lows, IncomingEvent cause) {
        return lows.stream().map(low -> new Outbox.Draft(SettlementEvents.ACCOUNT, low.accountId().toString(), BalanceLow.NAME,
                new BalanceLow(low.accountId(), low.ownerId(), low.available(), low.threshold()), cause)).toList();
    }
}
