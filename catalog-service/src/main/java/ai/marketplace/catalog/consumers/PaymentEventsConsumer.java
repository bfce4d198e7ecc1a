package ai.marketplace.catalog.consumers;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.catalog.service.OrderService;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.peers.PaymentOutcomes;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/** Settlement's answers in the purchase saga, from {@code marketplace.settlement.v1}: catalog acts on orders only. */
@ApplicationScoped
@Startup
public class PaymentEventsConsumer implements PaymentOutcomes.Participant {

    static final String CONSUMER = "catalog.payments";

    private final EventConsumer consumer;
    private final OrderService orders;
    private final ObjectMapper mapper;

    public PaymentEventsConsumer(EventConsumer consumer, OrderService orders, ObjectMapper mapper) {
        this.consumer = consumer;
        this.orders = orders;
        this.mapper = mapper;
        consumer.register("settlement-events", CONSUMER, settlementEventsHandlers());
    }

    @Incoming("settlement-events")
    public Uni<Void> onSettlementEvent(Message<byte[]> message) {
        return consumer.dispatch("settlement-events", message);
    }

    private Map<String, EventConsumer.Handler> settlementEventsHandlers() {
        return PaymentOutcomes.handlers(CorrelationKind.ORDER, mapper, this);
    }

    @Override
    public Uni<Void> held(UUID orderId, UUID holdId, Amount amount, Tx tx) {
        return orders.paymentHeld(orderId, amount);
    }

    @Override
    public Uni<Void> failed(UUID orderId, String reason, Tx tx) {
        return orders.paymentFailed(orderId, reason);
    }
}
