package ai.marketplace.compute.consumers;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    private final EventConsumer consumer;
    private final OfferService offers;
    private final ObjectMapper mapper;

    public ReputationEventsConsumer(EventConsumer consumer, OfferService offers, ObjectMapper mapper) {
        this.consumer = consumer;
        this.offers = offers;
        this.mapper = mapper;
        consumer.register("reputation-events", CONSUMER, reputationEventsHandlers());
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.dispatch("reputation-events", message);
    }

    private Map<String, EventConsumer.Handler> reputationEventsHandlers() {
        return Map.of("ProviderScoreChanged", (e, tx) -> {
            Scores.Scored s = Scores.read(e, mapper, "providerId");
            return offers.providerScored(s.subject(), s.score(), s.at());
        });
    }
}
