package ai.marketplace.compute.messaging;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.compute.service.LeaseLifecycle;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import io.smallrye.mutiny.Uni;

/**
 * Settlement's answers in the rental saga, from {@code marketplace.settlement.v1}. Holds concern orders or
 * leases ({@code correlationType}); compute acts on LEASE only.
 */
@ApplicationScoped
public class PaymentEventsConsumer {

    static final String CONSUMER = "compute.payments";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PaymentHeld(UUID holdId, String correlationType, UUID correlationId, String payerId, Amount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PaymentFailed(String correlationType, UUID correlationId, String payerId, String reason) {
    }

    private final EventConsumer consumer;
    private final LeaseLifecycle leases;
    private final ObjectMapper mapper;

    public PaymentEventsConsumer(EventConsumer consumer, LeaseLifecycle leases, ObjectMapper mapper) {
        this.consumer = consumer;
        this.leases = leases;
        this.mapper = mapper;
    }

    @Incoming("settlement-events")
    public Uni<Void> onSettlementEvent(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, Map.of(
                "PaymentHeld", this::held,
                "PaymentFailed", this::failed));
    }

    private Uni<Void> held(IncomingEvent e) {
        PaymentHeld d = e.dataAs(PaymentHeld.class, mapper);
        if (!"LEASE".equals(d.correlationType())) {
            return Uni.createFrom().voidItem();
        }
        if (d.correlationId() == null || d.holdId() == null || d.amount() == null) {
            throw new MalformedEventException("PaymentHeld for a lease needs correlationId, holdId and amount");
        }
        return leases.paymentHeld(d.correlationId(), d.holdId(), d.amount());
    }

    private Uni<Void> failed(IncomingEvent e) {
        PaymentFailed d = e.dataAs(PaymentFailed.class, mapper);
        if (!"LEASE".equals(d.correlationType())) {
            return Uni.createFrom().voidItem();
        }
        if (d.correlationId() == null) {
            throw new MalformedEventException("PaymentFailed for a lease needs correlationId");
        }
        return leases.paymentFailed(d.correlationId(), d.reason() == null ? "PAYMENT_FAILED" : d.reason());
    }
}
