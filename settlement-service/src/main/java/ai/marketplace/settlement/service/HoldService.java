package ai.marketplace.settlement.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.settlement.config.SettlementConfig;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.messaging.SettlementEvents;
import ai.marketplace.settlement.messaging.SettlementEvents.HoldReleased;
import ai.marketplace.settlement.messaging.SettlementEvents.PaymentCaptured;
import ai.marketplace.settlement.messaging.SettlementEvents.PaymentFailed;
import ai.marketplace.settlement.messaging.SettlementEvents.PaymentHeld;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.HoldRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Settlement's legs of the purchase and rental sagas (design.md §4). Each runs in the consumer's transaction
 * (with its inbox row), and is a no-op when the hold has already moved on, so redeliveries change nothing.
 */
@ApplicationScoped
public class HoldService {

    private static final Logger LOG = Logger.getLogger(HoldService.class);

    private final HoldRepository holds;
    private final AccountRepository accounts;
    private final Ledger ledger;
    private final Outbox outbox;
    private final SettlementConfig config;

    public HoldService(HoldRepository holds, AccountRepository accounts, Ledger ledger, Outbox outbox, SettlementConfig config) {
        this.holds = holds;
        this.accounts = accounts;
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
    }

    /** OrderPlaced / LeaseRequested: hold the payer's funds, or say why not. */
    @WithTransaction
    public Uni<Void> place(String type, UUID correlationId, String payerId, Amount amount) {
        return holds.lockFor(type, correlationId).chain(existing -> {
            if (existing != null) {
                LOG.infof("%s %s already has hold %s (%s)", type, correlationId, existing.id(), existing.state());
                return Uni.createFrom().voidItem();
            }
            return accounts.userAccount(payerId).chain(payer -> {
                if (payer == null) {
                    return failed(type, correlationId, payerId, amount, "NO_ACCOUNT");
                }
                return accounts.lockBalance(payer.id()).chain(available -> {
                    if (available.compareTo(amount.value()) < 0) {
                        return failed(type, correlationId, payerId, amount, "INSUFFICIENT_FUNDS");
                    }
                    return escrow(type, correlationId, payerId, payer.id(), amount)
                            .chain(hold -> outbox.append(SettlementEvents.HOLD, correlationId.toString(), PaymentHeld.NAME,
                                    new PaymentHeld(hold.id(), type, correlationId, payerId, amount)))
                            .replaceWithVoid();
                });
            });
        });
    }

    /**
     * LicenceGranted / LeaseEnded: {@code amount} of the hold goes to the payee minus the platform fee; anything
     * left goes back to the payer.
     */
    @WithTransaction
    public Uni<Void> capture(String type, UUID correlationId, String payeeId, Amount amount) {
        return holds.lockFor(type, correlationId).chain(hold -> {
            if (hold == null || !hold.isHeld()) {
                LOG.infof("Capture for %s %s ignored: hold is %s", type, correlationId, hold == null ? "missing" : hold.state());
                return Uni.createFrom().voidItem();
            }
            if (amount.compareTo(hold.amount()) > 0) {
                throw new MalformedEventException("capture of " + amount + " exceeds the hold of " + hold.amount()
                        + " for " + type + " " + correlationId);
            }
            Amount fee = amount.basisPoints(config.feeBps());
            Amount payeeShare = amount.minus(fee);
            hold.capture(payeeId, payeeShare, fee);
            String corr = correlationId.toString();
            return accounts.openIfAbsent(payeeId).chain(payee -> ledger
                    .post(hold.holdAccount(), payee.id(), payeeShare, "CAPTURE", corr)
                    .chain(() -> ledger.post(hold.holdAccount(), Account.PLATFORM_FEES, fee, "FEE", corr))
                    .chain(() -> ledger.post(hold.holdAccount(), hold.payerAccount(), hold.released(), "RELEASE", corr))
                    .chain(() -> ledger.watchBalance(payee.id()))
                    .chain(() -> ledger.watchBalance(hold.payerAccount())))
                    .chain(() -> outbox.append(SettlementEvents.HOLD, corr, PaymentCaptured.NAME, new PaymentCaptured(
                            hold.id(), type, correlationId, hold.payerId(), payeeId, payeeShare, fee, hold.amount())))
                    .chain(() -> hold.released().isZero() ? Uni.createFrom().voidItem()
                            : outbox.append(SettlementEvents.HOLD, corr, HoldReleased.NAME, new HoldReleased(hold.id(),
                                    type, correlationId, hold.payerId(), hold.released())).replaceWithVoid());
        });
    }

    /** OrderCancelled / LeaseCancelled: everything goes back to the payer. */
    @WithTransaction
    public Uni<Void> release(String type, UUID correlationId) {
        return holds.lockFor(type, correlationId).chain(hold -> {
            if (hold == null || !hold.isHeld()) {
                LOG.infof("Release for %s %s ignored: hold is %s", type, correlationId, hold == null ? "missing" : hold.state());
                return Uni.createFrom().voidItem();
            }
            String corr = correlationId.toString();
            return releaseAll(hold)
                    .chain(() -> outbox.append(SettlementEvents.HOLD, corr, HoldReleased.NAME,
                            new HoldReleased(hold.id(), type, correlationId, hold.payerId(), hold.amount())))
                    .replaceWithVoid();
        });
    }

    /**
     * Moves {@code amount} from the payer's available balance into a new escrow account (the caller has checked
     * the balance under lock) and records the hold. Shared by the sagas' holds and validators' stakes.
     */
    public Uni<Hold> escrow(String type, UUID correlationId, String payerId, UUID payerAccount, Amount amount) {
        Account escrow = Account.holdFor(payerId);
        Hold hold = Hold.place(type, correlationId, payerId, payerAccount, escrow.id(), amount);
        return accounts.persist(escrow).chain(() -> accounts.flush())
                .chain(() -> holds.persist(hold))
                .chain(() -> ledger.post(payerAccount, escrow.id(), amount, "HOLD", correlationId.toString()))
                .chain(() -> ledger.watchBalance(payerAccount))
                .replaceWith(hold);
    }

    /** Everything still held goes back to the payer. */
    public Uni<Void> releaseAll(Hold hold) {
        hold.release();
        return ledger.post(hold.holdAccount(), hold.payerAccount(), hold.amount(), "RELEASE", hold.correlationId().toString())
                .chain(() -> ledger.watchBalance(hold.payerAccount()));
    }

    private Uni<Void> failed(String type, UUID correlationId, String payerId, Amount amount, String reason) {
        return outbox.append(SettlementEvents.HOLD, correlationId.toString(), PaymentFailed.NAME,
                new PaymentFailed(type, correlationId, payerId, amount, reason)).replaceWithVoid();
    }
}
