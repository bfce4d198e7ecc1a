package ai.marketplace.compute.consumers;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.compute.service.LeaseLifecycle;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.peers.PaymentOutcomes;
import ai.marketplace.platform.tx.Tx;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/** Settlement's answers in the rental saga, from {@code marketplace.settlement.v1}: compute acts on leases only. */
@ApplicationScoped
@Startup
public class PaymentEventsConsumer implements PaymentOutcomes.Participant {

    static final String CONSUMER = "compute.payments";

    private final EventConsumer consumer;
    private final LeaseLifecycle leases;
    private final ObjectMapper mapper;

    public PaymentEventsConsumer(EventConsumer consumer, LeaseLifecycle leases, ObjectMapper mapper) {
        this.consumer = consumer;
        this.leases = leases;
        this.mapper = mapper;
        consumer.register("settlement-events", CONSUMER, settlementEventsHandlers());
    }

    @Incoming("settlement-events")
    public Uni<Void> onSettlementEvent(Message<byte[]> message) {
        return consumer.dispatch("settlement-events", message);
    }

    private Map<String, EventConsumer.Handler> settlementEventsHandlers() {
        return PaymentOutcomes.handlers(CorrelationKind.LEASE, mapper, this);
    }

    @Override
    public Uni<Void> held(UUID leaseId, UUID holdId, Amount amount, Tx tx) {
        return leases.paymentHeld(leaseId, holdId, amount);
    }

    @Override
    public Uni<Void> failed(UUID leaseId, String reason, Tx tx) {
        return leases.paymentFailed(leaseId, reason);
    }
}
