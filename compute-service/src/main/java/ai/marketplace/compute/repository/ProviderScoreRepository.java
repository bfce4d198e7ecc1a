package ai.marketplace.compute.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reputation's provider scores, as far as ranking offers needs them. */
@ApplicationScoped
public class ProviderScoreRepository {

    /**
     * Keeps the score unless a newer one is already stored: events of different providers interleave and a
     * redelivered old score must not win over a newer one.
     *
     * @return whether the stored score changed
     */
    public Uni<Boolean> record(String providerId, BigDecimal score, OffsetDateTime scoredAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into provider_score (provider_id, score, scored_at) values (:provider, :score, :at)
                on conflict (provider_id) do update set score = excluded.score, scored_at = excluded.scored_at
                where provider_score.scored_at < excluded.scored_at""")
                .setParameter("provider", providerId).setParameter("score", score).setParameter("at", scoredAt)
                .executeUpdate()).map(n -> n == 1);
    }
}
