package ai.marketplace.platform.peers;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer.Handler;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/**
 * Settlement's answers to a saga participant ({@code PaymentHeld} / {@code PaymentFailed} on
 * {@code marketplace.settlement.v1}), read the one way both participants need: only the holds of the participant's
 * own kind, with the fields the contract in docs/architecture.md promises checked before anything changes. The
 * records are the consumer's view of settlement's published schema (docs/events/settlement), not settlement's code.
 */
public final class PaymentOutcomes {

    /**
     * What the participant does when its order or lease is paid for, or cannot be. A service that is one provides
     * a single bean of this type; {@link PaymentOutcomesConsumer} delivers settlement's answers to it.
     */
    public interface Participant {
        /** The holds this participant asked for: the others on the topic are not its business. */
        CorrelationKind kind();

        Uni<Void> paymentHeld(UUID correlationId, UUID holdId, Amount amount);

        Uni<Void> paymentFailed(UUID correlationId, String reason);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentHeld(UUID holdId, String correlationType, UUID correlationId, Amount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentFailed(String correlationType, UUID correlationId, String reason) {
    }

    /** Settlement gives no reason only in events older than the contract; the participant still needs one. */
    static final String UNSPECIFIED_REASON = "PAYMENT_FAILED";

    private PaymentOutcomes() {
    }

    /** The handlers to register for settlement's topic. */
    public static Map<String, Handler> handlers(ObjectMapper mapper, Participant participant) {
        CorrelationKind mine = participant.kind();
        String what = mine.name().toLowerCase();
        return Map.of(
                "PaymentHeld", (IncomingEvent e, Tx tx) -> {
                    PaymentHeld d = e.dataAs(PaymentHeld.class, mapper);
                    if (!mine.name().equals(d.correlationType())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (d.correlationId() == null || d.holdId() == null || d.amount() == null) {
                        throw new MalformedEventException("PaymentHeld for a " + what + " needs correlationId, holdId and amount");
                    }
                    return participant.paymentHeld(d.correlationId(), d.holdId(), d.amount());
                },
                "PaymentFailed", (IncomingEvent e, Tx tx) -> {
                    PaymentFailed d = e.dataAs(PaymentFailed.class, mapper);
                    if (!mine.name().equals(d.correlationType())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (d.correlationId() == null) {
                        throw new MalformedEventException("PaymentFailed for a " + what + " needs correlationId");
                    }
                    return participant.paymentFailed(d.correlationId(), d.reason() == null ? UNSPECIFIED_REASON : d.reason());
                });
    }
}
