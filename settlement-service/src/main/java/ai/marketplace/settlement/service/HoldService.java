package ai.marketplace.settlement.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.config.SettlementConfig;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.PostingOutcome;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.HoldReleased;
import ai.marketplace.settlement.events.SettlementEvents.PaymentCaptured;
import ai.marketplace.settlement.events.SettlementEvents.PaymentFailed;
import ai.marketplace.settlement.events.SettlementEvents.PaymentHeld;
import ai.marketplace.settlement.repository.Postings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Settlement's legs of the purchase and rental sagas (docs/architecture.md, the saga contracts). Each runs in the consumer's transaction
 * (with its inbox row): one ledger function call does the locking and the
 * postings (see {@link Postings}), then the events its outcome calls for go to the outbox. A step is a no-op when
 * the hold has already moved on, so redeliveries change nothing.
 */
@ApplicationScoped
public class HoldService {

    private static final Logger LOG = Logger.getLogger(HoldService.class);

    private final Postings postings;
    private final Ledger ledger;
    private final Outbox outbox;
    private final SettlementConfig config;
    private final Counter refusedCaptures;

    public HoldService(Postings postings, Ledger ledger, Outbox outbox, SettlementConfig config, MeterRegistry registry) {
        this.refusedCaptures = Counter.builder("marketplace.settlement.captures.refused")
                .description("Captures naming another payee than their hold's: dead-lettered, nothing paid").register(registry);
        this.postings = postings;
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * OrderPlaced / LeaseRequested: hold the payer's funds for {@code payeeId} (the seller or provider the request
     * names, the only one a capture may pay), or say why not.
     */
    public Uni<Void> place(Tx tx, CorrelationKind type, UUID correlationId, String payerId, String payeeId, Amount amount) {
        String corr = correlationId.toString();
        return postings.place(tx, type, correlationId, payerId, amount, payeeId).chain(p -> switch (p.outcome()) {
            case HELD -> outbox.append(tx, SettlementEvents.HOLD, corr, PaymentHeld.NAME,
                    new PaymentHeld(p.holdId(), type.name(), correlationId, payerId, amount))
                    .chain(() -> ledger.announce(tx, p.lowBalances()));
            case EXISTS -> {
                LOG.infof("%s %s already has hold %s", type, correlationId, p.holdId());
                yield Uni.createFrom().voidItem();
            }
            default -> outbox.append(tx, SettlementEvents.HOLD, corr, PaymentFailed.NAME,
                    new PaymentFailed(type.name(), correlationId, payerId, amount, p.outcome().name())).replaceWithVoid();
        });
    }

    /**
     * LicenceGranted / LeaseEnded: {@code amount} of the hold goes to the payee minus the platform fee; anything
     * left goes back to the payer.
     */
    public Uni<Void> capture(Tx tx, CorrelationKind type, UUID correlationId, String payeeId, Amount amount) {
        Amount fee = amount.basisPoints(config.feeBps());
        Amount payeeShare = amount.minus(fee);
        String corr = correlationId.toString();
        return postings.capture(tx, type, correlationId, payeeId, amount, fee, Account.newDepositRef()).chain(c -> switch (c.outcome()) {
            case CAPTURED -> outbox.append(tx, SettlementEvents.HOLD, corr, PaymentCaptured.NAME, new PaymentCaptured(
                    c.holdId(), type.name(), correlationId, c.payerId(), payeeId, payeeShare, fee, c.held()))
                    .chain(() -> c.released().isZero() ? Uni.createFrom().voidItem()
                            : outbox.append(tx, SettlementEvents.HOLD, corr, HoldReleased.NAME,
                                    new HoldReleased(c.holdId(), type.name(), correlationId, c.payerId(), c.released())).replaceWithVoid())
                    .chain(() -> ledger.announce(tx, c.lowBalances()));
            case PAYEE_MISMATCH -> {
                refusedCaptures.increment();
                throw new MalformedEventException("capture for " + type + " " + correlationId + " names payee " + payeeId
                        + ", not the one its hold was placed for: refused, nothing paid");
            }
            case EXCEEDS -> throw new MalformedEventException("capture of " + amount + " exceeds the hold of " + c.held()
                    + " for " + type + " " + correlationId);
            default -> {
                LOG.infof("Capture for %s %s ignored: %s", type, correlationId, c.outcome());
                yield Uni.createFrom().voidItem();
            }
        });
    }

    /** OrderCancelled / LeaseCancelled: everything goes back to the payer. */
    public Uni<Void> release(Tx tx, CorrelationKind type, UUID correlationId) {
        String corr = correlationId.toString();
        return postings.release(tx, type, correlationId).chain(r -> {
            if (r.outcome() != PostingOutcome.RELEASED) {
                LOG.infof("Release for %s %s ignored: %s", type, correlationId, r.outcome());
                return Uni.createFrom().voidItem();
            }
            return outbox.append(tx, SettlementEvents.HOLD, corr, HoldReleased.NAME,
                    new HoldReleased(r.holdId(), type.name(), correlationId, r.payerId(), r.held()))
                    .chain(() -> ledger.announce(tx, r.lowBalances()));
        });
    }
}
