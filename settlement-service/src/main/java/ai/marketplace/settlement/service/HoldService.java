package ai.marketplace.settlement.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.outbox.Outbox.Draft;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.config.SettlementConfig;
import ai.marketplace.settlement.domain.HoldStep;
import ai.marketplace.settlement.events.SettlementEvents;
import ai.marketplace.settlement.events.SettlementEvents.HoldReleased;
import ai.marketplace.settlement.events.SettlementEvents.PaymentCaptured;
import ai.marketplace.settlement.events.SettlementEvents.PaymentFailed;
import ai.marketplace.settlement.events.SettlementEvents.PaymentHeld;
import ai.marketplace.settlement.repository.Postings;
import ai.marketplace.settlement.repository.Postings.Posted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Settlement's legs of the purchase and rental sagas (docs/architecture.md, the saga contracts). They run in the
 * consumer's transaction (with its inbox rows), a whole batch of them at once: one ledger call does the locking and
 * the postings of every step (see {@link Postings#apply}), then one outbox statement appends the events their
 * outcomes call for. A step is a no-op when the hold has already moved on, so redeliveries change nothing.
 */
@ApplicationScoped
public class HoldService {

    private static final Logger LOG = Logger.getLogger(HoldService.class);

    /** A saga's request, and the event it came in ({@code cause}: its request id and trace go on to the answer). */
    public sealed interface Request {
        IncomingEvent cause();
    }

    /**
     * OrderPlaced / LeaseRequested: hold the payer's funds for {@code payeeId} (the seller or provider the request
     * names, the only one a capture may pay), or say why not.
     */
    public record Place(CorrelationKind type, UUID correlationId, String payerId, String payeeId, Amount amount,
            IncomingEvent cause) implements Request {
    }

    /**
     * LicenceGranted / LeaseEnded: {@code amount} of the hold goes to the payee minus the platform fee; anything left
     * goes back to the payer.
     */
    public record Capture(CorrelationKind type, UUID correlationId, String payeeId, Amount amount, IncomingEvent cause)
            implements Request {
    }

    /** OrderCancelled / LeaseCancelled: everything goes back to the payer. */
    public record Release(CorrelationKind type, UUID correlationId, IncomingEvent cause) implements Request {
    }

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
     * Applies {@code requests} in their order inside {@code tx}. A capture that names another payee than its hold's,
     * or asks for more than it holds, fails the whole call as malformed: nothing of it commits.
     */
    public Uni<Void> apply(Tx tx, List<Request> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<HoldStep> steps = requests.stream().map(this::step).toList();
        return postings.apply(tx, steps).chain(results -> {
            List<Draft> events = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                events.addAll(answer(requests.get(i), steps.get(i), results.get(i), requests.size() == 1));
            }
            return outbox.appendAll(tx, events);
        });
    }

    private HoldStep step(Request request) {
        return switch (request) {
            case Place p -> HoldStep.place(p.type(), p.correlationId(), p.payerId(), p.payeeId(), p.amount());
            case Capture c -> HoldStep.capture(c.type(), c.correlationId(), c.payeeId(), c.amount(),
                    c.amount().basisPoints(config.feeBps()));
            case Release r -> HoldStep.release(r.type(), r.correlationId());
        };
    }

    /**
     * The events a step's outcome calls for. {@code alone}: the step is applied by itself, so a refusal is final and
     * counted (a batch that meets one is applied again one event at a time, where it is counted once).
     */
    private List<Draft> answer(Request request, HoldStep step, Posted p, boolean alone) {
        String corr = step.correlationId().toString();
        String type = step.type().name();
        IncomingEvent cause = request.cause();
        List<Draft> events = new ArrayList<>(3);
        switch (request) {
            case Place place -> {
                switch (p.outcome()) {
                    case HELD -> {
                        events.add(new Draft(SettlementEvents.HOLD, corr, PaymentHeld.NAME,
                                new PaymentHeld(p.holdId(), type, step.correlationId(), place.payerId(), place.amount()), cause));
                        events.addAll(ledger.lowBalanceEvents(p.lowBalances(), cause));
                    }
                    case EXISTS -> LOG.infof("%s %s already has hold %s", type, corr, p.holdId());
                    default -> events.add(new Draft(SettlementEvents.HOLD, corr, PaymentFailed.NAME, new PaymentFailed(type,
                            step.correlationId(), place.payerId(), place.amount(), p.outcome().name()), cause));
                }
            }
            case Capture capture -> {
                switch (p.outcome()) {
                    case CAPTURED -> {
                        events.add(new Draft(SettlementEvents.HOLD, corr, PaymentCaptured.NAME, new PaymentCaptured(p.holdId(),
                                type, step.correlationId(), p.payerId(), capture.payeeId(), capture.amount().minus(step.fee()),
                                step.fee(), p.held()), cause));
                        if (!p.released().isZero()) {
                            events.add(new Draft(SettlementEvents.HOLD, corr, HoldReleased.NAME,
                                    new HoldReleased(p.holdId(), type, step.correlationId(), p.payerId(), p.released()), cause));
                        }
                        events.addAll(ledger.lowBalanceEvents(p.lowBalances(), cause));
                    }
                    case PAYEE_MISMATCH -> {
                        if (alone) {
                            refusedCaptures.increment();
                        }
                        throw new MalformedEventException("capture for " + type + " " + corr + " names payee " + capture.payeeId()
                                + ", not the one its hold was placed for: refused, nothing paid");
                    }
                    case EXCEEDS -> throw new MalformedEventException("capture of " + capture.amount() + " exceeds the hold of "
                            + p.held() + " for " + type + " " + corr);
                    default -> LOG.infof("Capture for %s %s ignored: %s", type, corr, p.outcome());
                }
            }
            case Release release -> {
                switch (p.outcome()) {
                    case RELEASED -> {
                        events.add(new Draft(SettlementEvents.HOLD, corr, HoldReleased.NAME,
                                new HoldReleased(p.holdId(), type, step.correlationId(), p.payerId(), p.held()), cause));
                        events.addAll(ledger.lowBalanceEvents(p.lowBalances(), cause));
                    }
                    default -> LOG.infof("Release for %s %s ignored: %s", type, corr, p.outcome());
                }
            }
        }
        return events;
    }
}
