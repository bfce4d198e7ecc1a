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

    /** What the participant does when its order or lease is paid for, or cannot be. */
    public interface Participant {
        Uni<Void> held(UUID correlationId, UUID holdId, Amount amount, Tx tx);

        Uni<Void> failed(UUID correlationId, String reason, Tx tx);
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

    /** The handlers to give {@code EventConsumer.consume} for settlement's topic. */
    public static Map<String, Handler> handlers(CorrelationKind mine, ObjectMapper mapper, Participant participant) {
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
                    return participant.held(d.correlationId(), d.holdId(), d.amount(), tx);
                },
                "PaymentFailed", (IncomingEvent e, Tx tx) -> {
                    PaymentFailed d = e.dataAs(PaymentFailed.class, mapper);
                    if (!mine.name().equals(d.correlationType())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (d.correlationId() == null) {
                        throw new MalformedEventException("PaymentFailed for a " + what + " needs correlationId");
                    }
                    return participant.failed(d.correlationId(), d.reason() == null ? UNSPECIFIED_REASON : d.reason(), tx);
                });
    }
}
