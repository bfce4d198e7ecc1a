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

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;
import ai.marketplace.platform.inbox.EventConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    private final ObjectMapper mapper;

    public ReputationEventsConsumer(EventConsumer consumer, ObjectMapper mapper) {
        this.consumer = consumer;
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
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into asset_reputation (asset_id, score, score_as_of) values (:asset, :score, :asOf)
                on conflict (asset_id) do update set score = excluded.score, score_as_of = excluded.score_as_of
                where asset_reputation.score_as_of is null or asset_reputation.score_as_of < excluded.score_as_of
                """).setParameter("asset", d.assetId()).setParameter("score", d.score().setScale(4, java.math.RoundingMode.HALF_EVEN))
                .setParameter("asOf", time(e)).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> verified(IncomingEvent e) {
        AssetVerified d = e.dataAs(AssetVerified.class, mapper);
        if (d.assetId() == null) {
            throw new MalformedEventException("AssetVerified needs assetId");
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into asset_reputation (asset_id, verified, verified_at) values (:asset, true, :at)
                on conflict (asset_id) do update set verified = true, verified_at = excluded.verified_at
                """).setParameter("asset", d.assetId()).setParameter("at", time(e)).executeUpdate()).replaceWithVoid();
    }

    private static OffsetDateTime time(IncomingEvent e) {
        return e.time() != null ? e.time() : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
