package ai.marketplace.reputation.consumers;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.service.ProjectionService;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Lease outcomes from {@code marketplace.compute.v1} (provider reliability, review bases) and payments and stakes
 * from {@code marketplace.settlement.v1} (payer reputation, reviewer weight, validators' stake).
 */
@ApplicationScoped
@Startup
public class ComputeAndSettlementConsumer {

    static final String LEASES = "reputation.leases";
    static final String PAYMENTS = "reputation.payments";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LeaseFact(UUID leaseId, String renterId, String providerId, String state, String reason, Amount usedAmount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PaymentFact(UUID holdId, String correlationType, UUID correlationId, String payerId, Amount payeeAmount,
            Amount fee) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StakeFact(UUID stakeId, String validatorId, Amount amount) {
    }

    @Inject EventConsumer consumer;
    @Inject ProjectionService projections;
    @Inject ObjectMapper mapper;

    @PostConstruct
    void register() {
        consumer.register("compute-events", LEASES, computeEventsHandlers());
        consumer.register("settlement-events", PAYMENTS, settlementEventsHandlers());
    }

    @Incoming("compute-events")
    public Uni<Void> onComputeEvent(Message<byte[]> message) {
        return consumer.dispatch("compute-events", message);
    }

    private Map<String, EventConsumer.Handler> computeEventsHandlers() {
        return Map.of(
                "LeaseRequested", (e, tx) -> {
                    LeaseFact d = e.dataAs(LeaseFact.class, mapper);
                    Facts.require(d.leaseId() != null && d.renterId() != null && d.providerId() != null,
                            "LeaseRequested needs leaseId, renterId and providerId");
                    return projections.leaseRequested(tx, d.leaseId(), d.renterId(), d.providerId());
                },
                "LeaseEnded", (e, tx) -> ended(tx, e.dataAs(LeaseFact.class, mapper), "LeaseEnded"),
                "LeaseCancelled", (e, tx) -> ended(tx, e.dataAs(LeaseFact.class, mapper), "LeaseCancelled"));
    }

    private Uni<Void> ended(Tx tx, LeaseFact d, String event) {
        Facts.require(d.leaseId() != null && d.renterId() != null && d.providerId() != null && d.state() != null,
                event + " needs leaseId, renterId, providerId and state");
        return projections.leaseEnded(tx, d.leaseId(), d.renterId(), d.providerId(), d.state(), d.reason(),
                d.usedAmount() == null ? null : new BigDecimal(d.usedAmount().value()));
    }

    @Incoming("settlement-events")
    public Uni<Void> onSettlementEvent(Message<byte[]> message) {
        return consumer.dispatch("settlement-events", message);
    }

    private Map<String, EventConsumer.Handler> settlementEventsHandlers() {
        return Map.of(
                "PaymentCaptured", (e, tx) -> {
                    PaymentFact d = e.dataAs(PaymentFact.class, mapper);
                    Facts.require(d.holdId() != null && d.payerId() != null && d.payeeAmount() != null && d.fee() != null,
                            "PaymentCaptured needs holdId, payerId, payeeAmount and fee");
                    return projections.paymentCaptured(tx, d.holdId(), d.payerId(), new BigDecimal(d.payeeAmount().plus(d.fee()).value()));
                },
                "PaymentFailed", (e, tx) -> {
                    PaymentFact d = e.dataAs(PaymentFact.class, mapper);
                    Facts.require(d.correlationId() != null && d.payerId() != null, "PaymentFailed needs correlationId and payerId");
                    return projections.paymentFailed(tx, String.valueOf(d.correlationType()), d.correlationId(), d.payerId());
                },
                "StakeLocked", (e, tx) -> {
                    StakeFact d = e.dataAs(StakeFact.class, mapper);
                    Facts.require(d.stakeId() != null && d.validatorId() != null && d.amount() != null,
                            "StakeLocked needs stakeId, validatorId and amount");
                    return projections.stakeLocked(tx, d.stakeId(), d.validatorId(), new BigDecimal(d.amount().value()));
                },
                "StakeReleased", (e, tx) -> {
                    StakeFact d = e.dataAs(StakeFact.class, mapper);
                    Facts.require(d.stakeId() != null, "StakeReleased needs stakeId");
                    return projections.stakeReleased(tx, d.stakeId());
                },
                "StakeSlashed", (e, tx) -> {
                    StakeFact d = e.dataAs(StakeFact.class, mapper);
                    Facts.require(d.stakeId() != null && d.amount() != null, "StakeSlashed needs stakeId and amount");
                    return projections.stakeSlashed(tx, d.stakeId(), new BigDecimal(d.amount().value()));
                });
    }
}
