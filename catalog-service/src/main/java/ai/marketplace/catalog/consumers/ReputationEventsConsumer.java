package ai.marketplace.catalog.consumers;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.catalog.service.SearchService;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import ai.marketplace.platform.peers.Scores;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Keeps catalog's view of reputation (score, verified) for search, from {@code marketplace.reputation.v1}.
 * Scores carry the event time; an older score arriving late never overwrites a newer one.
 */
@ApplicationScoped
@Startup
public class ReputationEventsConsumer {

    static final String CONSUMER = "catalog.reputation-projection";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssetVerified(UUID assetId, UUID versionId) {
    }

    private final EventConsumer consumer;
    private final SearchService search;
    private final ObjectMapper mapper;

    public ReputationEventsConsumer(EventConsumer consumer, SearchService search, ObjectMapper mapper) {
        this.consumer = consumer;
        this.search = search;
        this.mapper = mapper;
        consumer.register("reputation-events", CONSUMER, reputationEventsHandlers());
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.dispatch("reputation-events", message);
    }

    private Map<String, EventConsumer.Handler> reputationEventsHandlers() {
        return Map.of(
                "AssetScoreChanged", (e, tx) -> {
                    Scores.Scored s = Scores.read(e, mapper, "assetId");
                    return search.assetScored(s.subjectId(), s.score(), s.at());
                },
                "AssetVerified", (e, tx) -> {
                    AssetVerified d = e.dataAs(AssetVerified.class, mapper);
                    if (d.assetId() == null) {
                        throw new MalformedEventException("AssetVerified needs assetId");
                    }
                    return search.assetVerified(d.assetId(), e.timeOrNow());
                });
    }
}
