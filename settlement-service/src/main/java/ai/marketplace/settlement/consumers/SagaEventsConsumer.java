package ai.marketplace.settlement.consumers;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.settlement.service.HoldService;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The sagas' requests to settlement: orders from {@code marketplace.catalog.v1}, leases from
 * {@code marketplace.compute.v1} (contracts in docs/architecture.md). Through the inbox: a redelivered event
 * changes nothing. The hot path of the ledger: inbox, posting and outbox in one transaction of the reactive
 * client, without an ORM session (settlement's consumers run on {@code marketplace.data-access.style=sql-client}).
 */
@ApplicationScoped
@Startup
public class SagaEventsConsumer {

    static final String ORDERS = "settlement.orders";
    static final String LEASES = "settlement.leases";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderPlaced(UUID orderId, String buyerId, String sellerId, Amount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LicenceGranted(UUID orderId, String sellerId, Amount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderCancelled(UUID orderId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LeaseRequested(UUID leaseId, String renterId, String providerId, Amount maxAmount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LeaseEnded(UUID leaseId, String providerId, Amount usedAmount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LeaseCancelled(UUID leaseId) {
    }

    @Inject EventConsumer consumer;
    @Inject HoldService holds;
    @Inject ObjectMapper mapper;

    @PostConstruct
    void register() {
        consumer.register("catalog-events", ORDERS, catalogEventsHandlers());
        consumer.register("compute-events", LEASES, computeEventsHandlers());
    }

    @Incoming("catalog-events")
    public Uni<Void> onCatalogEvent(Message<byte[]> message) {
        return consumer.dispatch("catalog-events", message);
    }

    private Map<String, EventConsumer.Handler> catalogEventsHandlers() {
        return Map.of(
                "OrderPlaced", (e, tx) -> {
                    OrderPlaced d = e.dataAs(OrderPlaced.class, mapper);
                    require(d.orderId() != null && d.buyerId() != null && d.sellerId() != null && d.amount() != null,
                            "OrderPlaced needs orderId, buyerId, sellerId and amount");
                    return holds.place(tx, CorrelationKind.ORDER, d.orderId(), d.buyerId(), d.sellerId(), d.amount());
                },
                "LicenceGranted", (e, tx) -> {
                    LicenceGranted d = e.dataAs(LicenceGranted.class, mapper);
                    require(d.orderId() != null && d.sellerId() != null && d.amount() != null, "LicenceGranted needs orderId, sellerId and amount");
                    return holds.capture(tx, CorrelationKind.ORDER, d.orderId(), d.sellerId(), d.amount());
                },
                "OrderCancelled", (e, tx) -> {
                    OrderCancelled d = e.dataAs(OrderCancelled.class, mapper);
                    require(d.orderId() != null, "OrderCancelled needs orderId");
                    return holds.release(tx, CorrelationKind.ORDER, d.orderId());
                });
    }

    @Incoming("compute-events")
    public Uni<Void> onComputeEvent(Message<byte[]> message) {
        return consumer.dispatch("compute-events", message);
    }

    private Map<String, EventConsumer.Handler> computeEventsHandlers() {
        return Map.of(
                "LeaseRequested", (e, tx) -> {
                    LeaseRequested d = e.dataAs(LeaseRequested.class, mapper);
                    require(d.leaseId() != null && d.renterId() != null && d.providerId() != null && d.maxAmount() != null,
                            "LeaseRequested needs leaseId, renterId, providerId and maxAmount");
                    return holds.place(tx, CorrelationKind.LEASE, d.leaseId(), d.renterId(), d.providerId(), d.maxAmount());
                },
                "LeaseEnded", (e, tx) -> {
                    LeaseEnded d = e.dataAs(LeaseEnded.class, mapper);
                    require(d.leaseId() != null && d.providerId() != null && d.usedAmount() != null, "LeaseEnded needs leaseId, providerId and usedAmount");
                    return holds.capture(tx, CorrelationKind.LEASE, d.leaseId(), d.providerId(), d.usedAmount());
                },
                "LeaseCancelled", (e, tx) -> {
                    LeaseCancelled d = e.dataAs(LeaseCancelled.class, mapper);
                    require(d.leaseId() != null, "LeaseCancelled needs leaseId");
                    return holds.release(tx, CorrelationKind.LEASE, d.leaseId());
                });
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new MalformedEventException(what);
        }
    }
}
