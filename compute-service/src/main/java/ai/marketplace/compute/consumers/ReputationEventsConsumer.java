package ai.marketplace.compute.consumers;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import ai.marketplace.compute.service.OfferService;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.peers.Scores;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/** Provider scores from {@code marketplace.reputation.v1}, which rank offers in the market and in matching. */
@ApplicationScoped
@Startup
public class ReputationEventsConsumer {

    static final String CONSUMER = "compute.provider-scores";

    @Inject EventConsumer consumer;
    @Inject OfferService offers;

    @PostConstruct
    void register() {
        consumer.register("reputation-events", CONSUMER, Map.of("ProviderScoreChanged", (e, tx) -> {
            Scores.Scored s = Scores.read(e, "providerId");
            return offers.providerScored(s.subject(), s.score(), s.at());
        }));
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.dispatch("reputation-events", message);
    }
}
