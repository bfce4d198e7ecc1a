package ai.marketplace.platform.peers;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.events.EventsConfig;
import ai.marketplace.platform.inbox.EventConsumer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Settlement's answers in a saga, from {@code marketplace.settlement.v1}, for the service's one
 * {@link PaymentOutcomes.Participant}. The same consumer serves catalog (orders) and compute (leases); a service
 * turns it on at build time with {@code marketplace.saga.payment-outcomes=true}, so that services which read the
 * settlement topic for other reasons do not get a second subscriber on their channel. Its inbox name is
 * {@code <service>.payments}.
 */
@ApplicationScoped
@Startup
@IfBuildProperty(name = "marketplace.saga.payment-outcomes", stringValue = "true")
public class PaymentOutcomesConsumer {

    static final String CHANNEL = "settlement-events";

    @Inject EventConsumer consumer;
    @Inject EventsConfig events;
    @Inject ObjectMapper mapper;
    @Inject PaymentOutcomes.Participant participant;

    @PostConstruct
    void register() {
        consumer.register(CHANNEL, events.service() + ".payments", PaymentOutcomes.handlers(mapper, participant));
    }

    @Incoming(CHANNEL)
    public Uni<Void> onSettlementEvent(Message<byte[]> message) {
        return consumer.dispatch(CHANNEL, message);
    }
}
