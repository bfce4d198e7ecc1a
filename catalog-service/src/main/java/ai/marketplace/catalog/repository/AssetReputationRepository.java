package ai.marketplace.catalog.repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Catalog's copy of reputation's signals, written inside the consumer's inbox transaction. */
@ApplicationScoped
public class AssetReputationRepository {

    /** Upsert; a score older than the one held (by event time) changes nothing. */
    public Uni<Void> scoreChanged(UUID assetId, BigDecimal score, OffsetDateTime asOf) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into asset_reputation (asset_id, score, score_as_of) values (:asset, :score, :asOf)
                on conflict (asset_id) do update set score = excluded.score, score_as_of = excluded.score_as_of
                where asset_reputation.score_as_of is null or asset_reputation.score_as_of < excluded.score_as_of
                """).setParameter("asset", assetId).setParameter("score", score.setScale(4, RoundingMode.HALF_EVEN))
                .setParameter("asOf", asOf).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> verified(UUID assetId, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into asset_reputation (asset_id, verified, verified_at) values (:asset, true, :at)
                on conflict (asset_id) do update set verified = true, verified_at = excluded.verified_at
                """).setParameter("asset", assetId).setParameter("at", at).executeUpdate()).replaceWithVoid();
    }
}
