package ai.marketplace.settlement.consumers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.settlement.service.HoldService;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The sagas' requests to settlement: orders from {@code marketplace.catalog.v1}, leases from
 * {@code marketplace.compute.v1} (contracts in docs/architecture.md). Through the inbox: a redelivered event
 * changes nothing. The hot path of the ledger: inbox, postings and outbox in one transaction of the reactive
 * client per batch, without an ORM session (settlement's consumers run on {@code marketplace.data-access.style=sql-client}).
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
        register("catalog-events", ORDERS, catalogRequests());
        register("compute-events", LEASES, computeRequests());
    }

    /**
     * Both channels are read in batches: a poll's events are one transaction, one ledger call and one outbox
     * statement (group commit); one by one, as a batch of one, when a batch fails or a dead letter is re-driven.
     */
    private void register(String channel, String inbox, Map<String, Function<IncomingEvent, HoldService.Request>> requests) {
        Map<String, EventConsumer.Handler> handlers = new HashMap<>();
        requests.forEach((name, request) -> handlers.put(name, (e, tx) -> holds.apply(tx, List.of(request.apply(e)))));
        consumer.register(channel, inbox, handlers,
                (events, tx) -> holds.apply(tx, events.stream().map(e -> requests.get(e.name()).apply(e)).toList()));
    }

    @Incoming("catalog-events")
    public Uni<Void> onCatalogEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.dispatchBatch("catalog-events", batch);
    }

    private Map<String, Function<IncomingEvent, HoldService.Request>> catalogRequests() {
        return Map.of(
                "OrderPlaced", e -> {
                    OrderPlaced d = e.dataAs(OrderPlaced.class, mapper);
                    require(d.orderId() != null && d.buyerId() != null && d.sellerId() != null && d.amount() != null,
                            "OrderPlaced needs orderId, buyerId, sellerId and amount");
                    return new HoldService.Place(CorrelationKind.ORDER, d.orderId(), d.buyerId(), d.sellerId(), d.amount(), e);
                },
                "LicenceGranted", e -> {
                    LicenceGranted d = e.dataAs(LicenceGranted.class, mapper);
                    require(d.orderId() != null && d.sellerId() != null && d.amount() != null, "LicenceGranted needs orderId, sellerId and amount");
                    return new HoldService.Capture(CorrelationKind.ORDER, d.orderId(), d.sellerId(), d.amount(), e);
                },
                "OrderCancelled", e -> {
                    OrderCancelled d = e.dataAs(OrderCancelled.class, mapper);
                    require(d.orderId() != null, "OrderCancelled needs orderId");
                    return new HoldService.Release(CorrelationKind.ORDER, d.orderId(), e);
                });
    }

    @Incoming("compute-events")
    public Uni<Void> onComputeEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.dispatchBatch("compute-events", batch);
    }

    private Map<String, Function<IncomingEvent, HoldService.Request>> computeRequests() {
        return Map.of(
                "LeaseRequested", e -> {
                    LeaseRequested d = e.dataAs(LeaseRequested.class, mapper);
                    require(d.leaseId() != null && d.renterId() != null && d.providerId() != null && d.maxAmount() != null,
                            "LeaseRequested needs leaseId, renterId, providerId and maxAmount");
                    return new HoldService.Place(CorrelationKind.LEASE, d.leaseId(), d.renterId(), d.providerId(), d.maxAmount(), e);
                },
                "LeaseEnded", e -> {
                    LeaseEnded d = e.dataAs(LeaseEnded.class, mapper);
                    require(d.leaseId() != null && d.providerId() != null && d.usedAmount() != null, "LeaseEnded needs leaseId, providerId and usedAmount");
                    return new HoldService.Capture(CorrelationKind.LEASE, d.leaseId(), d.providerId(), d.usedAmount(), e);
                },
                "LeaseCancelled", e -> {
                    LeaseCancelled d = e.dataAs(LeaseCancelled.class, mapper);
                    require(d.leaseId() != null, "LeaseCancelled needs leaseId");
                    return new HoldService.Release(CorrelationKind.LEASE, d.leaseId(), e);
                });
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new MalformedEventException(what);
        }
    }
}
