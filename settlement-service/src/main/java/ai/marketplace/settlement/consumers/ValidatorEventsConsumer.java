package ai.marketplace.settlement.consumers;

import java.util.List;
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
import ai.marketplace.settlement.service.StakeService;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Reputation's attestation rounds, from {@code marketplace.reputation.v1}: which rounds a validator's stake weighs
 * in (it cannot be released until they close) and which validators a round found outside its consensus (their
 * stakes are slashed). Through the inbox, so a replayed penalty slashes once.
 */
@ApplicationScoped
@Startup
public class ValidatorEventsConsumer {

    static final String NAME = "settlement.validators";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AttestationSubmitted(UUID versionId, String validatorId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AttestationRoundClosed(UUID versionId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Penalty(UUID stakeId, Amount amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ValidatorPenalised(String validatorId, UUID versionId, List<Penalty> stakes) {
    }

    @Inject EventConsumer consumer;
    @Inject StakeService stakes;
    @Inject ObjectMapper mapper;

    @PostConstruct
    void register() {
        consumer.register("reputation-events", NAME, reputationEventsHandlers());
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.dispatch("reputation-events", message);
    }

    private Map<String, EventConsumer.Handler> reputationEventsHandlers() {
        return Map.of(
                "AttestationSubmitted", (e, tx) -> {
                    AttestationSubmitted d = e.dataAs(AttestationSubmitted.class, mapper);
                    require(d.versionId() != null && d.validatorId() != null, "AttestationSubmitted needs versionId and validatorId");
                    return stakes.committed(tx, d.validatorId(), d.versionId());
                },
                "AttestationRoundClosed", (e, tx) -> {
                    AttestationRoundClosed d = e.dataAs(AttestationRoundClosed.class, mapper);
                    require(d.versionId() != null, "AttestationRoundClosed needs versionId");
                    return stakes.roundClosed(tx, d.versionId());
                },
                "ValidatorPenalised", (e, tx) -> {
                    ValidatorPenalised d = e.dataAs(ValidatorPenalised.class, mapper);
                    require(d.validatorId() != null && d.versionId() != null && d.stakes() != null && !d.stakes().isEmpty()
                            && d.stakes().stream().allMatch(p -> p != null && p.stakeId() != null && p.amount() != null),
                            "ValidatorPenalised needs validatorId, versionId and stakes of stakeId and amount");
                    return stakes.slash(tx, d.validatorId(), d.versionId(),
                            d.stakes().stream().map(p -> new StakeService.Penalty(p.stakeId(), p.amount())).toList());
                });
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new MalformedEventException(what);
        }
    }
}
