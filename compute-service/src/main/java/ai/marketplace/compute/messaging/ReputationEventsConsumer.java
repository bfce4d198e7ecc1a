package ai.marketplace.compute.messaging;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.compute.service.OfferService;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;

/** Provider scores from {@code marketplace.reputation.v1}, which rank offers in the market and in matching. */
@ApplicationScoped
public class ReputationEventsConsumer {

    static final String CONSUMER = "compute.provider-scores";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProviderScoreChanged(String providerId, BigDecimal score) {
    }

    private final EventConsumer consumer;
    private final OfferService offers;
    private final ObjectMapper mapper;

    public ReputationEventsConsumer(EventConsumer consumer, OfferService offers, ObjectMapper mapper) {
        this.consumer = consumer;
        this.offers = offers;
        this.mapper = mapper;
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, Map.of("ProviderScoreChanged", this::scoreChanged));
    }

    private Uni<Void> scoreChanged(IncomingEvent e) {
        ProviderScoreChanged d = e.dataAs(ProviderScoreChanged.class, mapper);
        if (d.providerId() == null || d.providerId().isBlank() || d.score() == null || d.score().signum() < 0
                || d.score().compareTo(BigDecimal.ONE) > 0) {
            throw new MalformedEventException("ProviderScoreChanged needs providerId and a score between 0 and 1");
        }
        OffsetDateTime at = e.time() != null ? e.time() : OffsetDateTime.now(ZoneOffset.UTC);
        return offers.providerScored(d.providerId(), d.score(), at);
    }
}
