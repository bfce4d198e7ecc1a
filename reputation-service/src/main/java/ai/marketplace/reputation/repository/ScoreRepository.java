package ai.marketplace.reputation.repository;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.Score;
import io.smallrye.mutiny.Uni;

/** Each subject's current score and the last one published. */
@ApplicationScoped
public class ScoreRepository {

    public Uni<Score> find(Tx tx, String type, String subject) {
        return Sql.first(tx, """
                select score, published_score, components, updated_at from score where subject_type = $1 and subject_id = $2""",
                r -> new Score(r.getBigDecimal("score"), r.getBigDecimal("published_score"), r.getString("components"),
                        r.getOffsetDateTime("updated_at")), type, subject);
    }

    public Uni<Void> save(Tx tx, String type, String subject, BigDecimal score, BigDecimal published, String components) {
        return Sql.update(tx, """
                insert into score (subject_type, subject_id, score, published_score, components, updated_at)
                values ($1, $2, $3, $4, $5, now())
                on conflict (subject_type, subject_id) do update set score = excluded.score,
                    published_score = excluded.published_score, components = excluded.components, updated_at = now()""",
                type, subject, score, published, components).replaceWithVoid();
    }
}
