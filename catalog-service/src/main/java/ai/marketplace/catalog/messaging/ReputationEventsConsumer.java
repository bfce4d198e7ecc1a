package ai.marketplace.catalog.messaging;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.catalog.repository.AssetReputationRepository;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;

/**
 * Keeps catalog's view of reputation (score, verified) for search, from {@code marketplace.reputation.v1}.
 * Scores carry the event time; an older score arriving late never overwrites a newer one.
 */
@ApplicationScoped
public class ReputationEventsConsumer {

    static final String CONSUMER = "catalog.reputation-projection";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssetScoreChanged(UUID assetId, BigDecimal score) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssetVerified(UUID assetId, UUID versionId) {
    }

    private final EventConsumer consumer;
    private final AssetReputationRepository projection;
    private final ObjectMapper mapper;

    public ReputationEventsConsumer(EventConsumer consumer, AssetReputationRepository projection, ObjectMapper mapper) {
        this.consumer = consumer;
        this.projection = projection;
        this.mapper = mapper;
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, Map.of(
                "AssetScoreChanged", this::scoreChanged,
                "AssetVerified", this::verified));
    }

    private Uni<Void> scoreChanged(IncomingEvent e) {
        AssetScoreChanged d = e.dataAs(AssetScoreChanged.class, mapper);
        if (d.assetId() == null || d.score() == null || d.score().signum() < 0 || d.score().compareTo(BigDecimal.ONE) > 0) {
            throw new MalformedEventException("AssetScoreChanged needs assetId and a score between 0 and 1");
        }
        return projection.scoreChanged(d.assetId(), d.score(), time(e));
    }

    private Uni<Void> verified(IncomingEvent e) {
        AssetVerified d = e.dataAs(AssetVerified.class, mapper);
        if (d.assetId() == null) {
            throw new MalformedEventException("AssetVerified needs assetId");
        }
        return projection.verified(d.assetId(), time(e));
    }

    private static OffsetDateTime time(IncomingEvent e) {
        return e.time() != null ? e.time() : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
