package ai.marketplace.catalog.consumers;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject EventConsumer consumer;
    @Inject SearchService search;
    @Inject ObjectMapper mapper;

    @PostConstruct
    void register() {
        consumer.register("reputation-events", CONSUMER, Map.of(
                "AssetScoreChanged", (e, tx) -> {
                    Scores.Scored s = Scores.read(e, "assetId");
                    return search.assetScored(s.subjectId(), s.score(), s.at());
                },
                "AssetVerified", (e, tx) -> {
                    AssetVerified d = e.dataAs(AssetVerified.class, mapper);
                    if (d.assetId() == null) {
                        throw new MalformedEventException("AssetVerified needs assetId");
                    }
                    return search.assetVerified(d.assetId(), e.timeOrNow());
                }));
    }

    @Incoming("reputation-events")
    public Uni<Void> onReputationEvent(Message<byte[]> message) {
        return consumer.dispatch("reputation-events", message);
    }
}
