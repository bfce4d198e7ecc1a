package ai.marketplace.reputation.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.Review;
import ai.marketplace.reputation.domain.Scoring.Rating;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Reviews: one per order or lease (the basis), edited by their author, answered once by their subject. */
@ApplicationScoped
public class ReviewRepository {

    private static final String COLUMNS = """
            id, author_id, subject_type, subject_id, basis_type, basis_id, rating, text, weight, reply, replied_at, version,
            created_at, updated_at""";

    /** @return false when the basis already has a review */
    public Uni<Boolean> insert(Tx tx, Review r) {
        return Sql.update(tx, "insert into review (" + COLUMNS + """
                ) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, null, null, 0, $10, $10)
                on conflict (basis_id) do nothing""", r.id(), r.author(), r.subjectType(), r.subjectId(), r.basisType(),
                r.basisId(), r.rating(), r.text(), r.weight(), r.createdAt()).map(n -> n == 1);
    }

    public Uni<Review> find(Tx tx, UUID id, boolean lock) {
        return Sql.first(tx, "select " + COLUMNS + " from review where id = $1" + (lock ? " for update" : ""),
                ReviewRepository::review, id);
    }

    public Uni<Void> edit(Tx tx, UUID id, int rating, String text) {
        return Sql.update(tx, "update review set rating = $2, text = $3, version = version + 1, updated_at = now() where id = $1",
                id, rating, text).replaceWithVoid();
    }

    public Uni<Void> reply(Tx tx, UUID id, String text) {
        return Sql.update(tx, """
                update review set reply = $2, replied_at = now(), version = version + 1, updated_at = now() where id = $1""",
                id, text).replaceWithVoid();
    }

    /** Newest first, {@code fetchSize} rows after {@code after} (null: from the newest). */
    public Uni<List<Review>> page(Tx tx, String type, String subject, TimeIdKey after, int fetchSize) {
        return Sql.newestFirst(tx, "select " + COLUMNS + " from review where subject_type = $1 and subject_id = $2",
                ReviewRepository::review, after, fetchSize, type, subject);
    }

    public Uni<List<Rating>> ratings(Tx tx, String subjectType, String subjectId) {
        return Sql.list(tx, "select rating, weight from review where subject_type = $1 and subject_id = $2",
                r -> new Rating(r.getInteger("rating"), r.getBigDecimal("weight")), subjectType, subjectId);
    }

    /** Reviews of the subject written since {@code since} by accounts first seen after {@code newSince}. */
    public Uni<Long> fromNewAccounts(Tx tx, String subjectType, String subjectId, OffsetDateTime since, OffsetDateTime newSince) {
        return Sql.first(tx, """
                select count(*) as n from review r left join party_record p on p.subject_id = r.author_id
                where r.subject_type = $1 and r.subject_id = $2 and r.created_at >= $3
                  and coalesce(p.first_seen_at, r.created_at) >= $4""", r -> r.getLong("n"), subjectType, subjectId, since,
                newSince);
    }

    private static Review review(Row r) {
        return new Review(r.getUUID("id"), r.getString("author_id"), r.getString("subject_type"), r.getString("subject_id"),
                r.getString("basis_type"), r.getUUID("basis_id"), r.getInteger("rating"), r.getString("text"),
                r.getBigDecimal("weight"), r.getString("reply"), r.getOffsetDateTime("replied_at"), r.getLong("version"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
