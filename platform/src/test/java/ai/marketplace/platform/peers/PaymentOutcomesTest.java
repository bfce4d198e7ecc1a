package ai.marketplace.platform.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.EventEnvelope;
import ai.marketplace.platform.events.EventTypes;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer.Handler;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/** A participant hears only its own kind of hold, and only with the fields the contract promises. */
class PaymentOutcomesTest {

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final List<String> heard = new ArrayList<>();
    final PaymentOutcomes.Participant orders = new PaymentOutcomes.Participant() {
        @Override
        public CorrelationKind kind() {
            return CorrelationKind.ORDER;
        }

        @Override
        public Uni<Void> paymentHeld(UUID correlationId, UUID holdId, Amount amount) {
            heard.add("held " + correlationId + " " + holdId + " " + amount);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> paymentFailed(UUID correlationId, String reason) {
            heard.add("failed " + correlationId + " " + reason);
            return Uni.createFrom().voidItem();
        }
    };
    final Map<String, Handler> handlers = PaymentOutcomes.handlers(mapper, orders);

    IncomingEvent event(String name, String data) {
        byte[] bytes = EventEnvelope.serialize(UUID.randomUUID().toString(), "urn:ai-marketplace:settlement-service",
                EventTypes.of("settlement", name, 1), "Hold", "h", OffsetDateTime.now(ZoneOffset.UTC),
                data.getBytes(StandardCharsets.UTF_8), null, null);
        return EventEnvelope.parse(bytes, mapper);
    }

    void apply(String name, String data) {
        handlers.get(name).apply(event(name, data), Tx.session()).await().indefinitely();
    }

    @Test
    void anOrdersHoldAndFailureReachTheParticipant() {
        UUID order = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        apply("PaymentHeld", "{\"holdId\":\"" + hold + "\",\"correlationType\":\"ORDER\",\"correlationId\":\"" + order
                + "\",\"amount\":\"500\",\"payerId\":\"b\"}");
        apply("PaymentFailed", "{\"correlationType\":\"ORDER\",\"correlationId\":\"" + order + "\",\"reason\":\"NO_ACCOUNT\"}");
        apply("PaymentFailed", "{\"correlationType\":\"ORDER\",\"correlationId\":\"" + order + "\"}");
        assertThat(heard).containsExactly("held " + order + " " + hold + " 500", "failed " + order + " NO_ACCOUNT",
                "failed " + order + " PAYMENT_FAILED");
    }

    @Test
    void otherKindsIncludingUnknownOnesAreLeftAlone() {
        apply("PaymentHeld", "{\"holdId\":\"" + UUID.randomUUID() + "\",\"correlationType\":\"LEASE\",\"correlationId\":\""
                + UUID.randomUUID() + "\",\"amount\":\"1\"}");
        apply("PaymentFailed", "{\"correlationType\":\"SUBSCRIPTION\",\"correlationId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(heard).isEmpty();
    }

    @Test
    void aHoldWithoutItsContractFieldsIsMalformed() {
        assertThatThrownBy(() -> apply("PaymentHeld", "{\"correlationType\":\"ORDER\",\"correlationId\":\""
                + UUID.randomUUID() + "\",\"amount\":\"1\"}")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("holdId");
        assertThatThrownBy(() -> apply("PaymentFailed", "{\"correlationType\":\"ORDER\"}"))
                .isInstanceOf(MalformedEventException.class);
        assertThat(heard).isEmpty();
    }
}
