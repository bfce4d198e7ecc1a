package ai.marketplace.reputation.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.Decision;
import ai.marketplace.reputation.domain.Review;
import ai.marketplace.reputation.domain.Score;
import ai.marketplace.reputation.domain.Scoring.Rating;
import ai.marketplace.reputation.domain.Validator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reputation's tables in plain SQL: projections of other services' facts, reviews, validators, attestations and
 * scores. Used inside the callers' sessions and transactions.
 */
@ApplicationScoped
public class ReputationStore {

    // --- projections ---

    public Uni<Void> versionPublished(UUID version, UUID asset, String owner, String digest, OffsetDateTime at) {
        return exec("""
                insert into asset_version_projection (version_id, asset_id, owner_id, digest, published_at)
                values (:v, :a, :o, :d, :t) on conflict (version_id) do nothing""",
                Map.of("v", version, "a", asset, "o", owner, "d", digest, "t", at));
    }

    public Uni<Void> licenceGranted(UUID order, UUID licence, String holder, String seller, UUID asset, BigDecimal amount,
            OffsetDateTime at) {
        return exec("""
                insert into licence_projection (order_id, licence_id, holder_id, seller_id, asset_id, amount, granted_at)
                values (:o, :l, :h, :s, :a, :m, :t) on conflict (order_id) do nothing""",
                Map.of("o", order, "l", licence, "h", holder, "s", seller, "a", asset, "m", amount, "t", at));
    }

    public Uni<Void> licenceRevoked(UUID order) {
        return exec("update licence_projection set revoked = true where order_id = :o", Map.of("o", order));
    }

    public Uni<Void> leaseRequested(UUID lease, String renter, String provider) {
        return exec("""
                insert into lease_projection (lease_id, renter_id, provider_id, state) values (:l, :r, :p, 'REQUESTED')
                on conflict (lease_id) do nothing""", Map.of("l", lease, "r", renter, "p", provider));
    }

    /** @return whether the lease moved to this final state now (false when it already had it) */
    public Uni<Boolean> leaseEnded(UUID lease, String renter, String provider, String state, String reason, BigDecimal used) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into lease_projection (lease_id, renter_id, provider_id, state, reason, used_amount, ended_at)
                values (:l, :r, :p, :st, :re, :u, now())
                on conflict (lease_id) do update set state = excluded.state, reason = excluded.reason,
                    used_amount = excluded.used_amount, ended_at = excluded.ended_at
                where lease_projection.state in ('REQUESTED', 'ACTIVE')""")
                .setParameter("l", lease).setParameter("r", renter).setParameter("p", provider).setParameter("st", state)
                .setParameter("re", reason).setParameter("u", used).executeUpdate()).map(n -> n == 1);
    }

    /** @return true the first time this fact is seen */
    public Uni<Boolean> firstTime(String fact) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into counted_fact (fact) values (:f) on conflict (fact) do nothing").setParameter("f", fact)
                .executeUpdate()).map(n -> n == 1);
    }

    /** Adds to a party's counters ({@code column} is one of party_record's counter columns, never user input). */
    public Uni<Void> count(String subject, String column, BigDecimal spent) {
        if (!column.matches("[a-z_]+")) {
            throw new IllegalArgumentException(column);
        }
        return exec("insert into party_record (subject_id) values (:s) on conflict (subject_id) do nothing", Map.of("s", subject))
                .chain(() -> exec("update party_record set " + column + " = " + column + " + 1, spent = spent + :m where subject_id = :s",
                        Map.of("s", subject, "m", spent)));
    }

    public record Party(long completed, long failed, long unresponsive, long captured, long paymentsFailed, BigDecimal spent,
            OffsetDateTime firstSeen) {
        public static final Party NONE = new Party(0, 0, 0, 0, 0, BigDecimal.ZERO, null);
    }

    public Uni<Party> party(String subject) {
        return rows("""
                select leases_completed, leases_failed, leases_unresponsive, payments_captured, payments_failed, spent,
                       first_seen_at from party_record where subject_id = :s""", q -> q.setParameter("s", subject))
                .map(l -> l.isEmpty() ? Party.NONE : new Party(num(l.get(0)[0]), num(l.get(0)[1]), num(l.get(0)[2]),
                        num(l.get(0)[3]), num(l.get(0)[4]), (BigDecimal) l.get(0)[5], time(l.get(0)[6])));
    }

    // --- review bases ---

    public record Licence(UUID order, String holder, String seller, UUID asset, boolean revoked) {
    }

    public Uni<Licence> licence(UUID order) {
        return rows("select order_id, holder_id, seller_id, asset_id, revoked from licence_projection where order_id = :o",
                q -> q.setParameter("o", order)).map(l -> l.isEmpty() ? null
                        : new Licence((UUID) l.get(0)[0], (String) l.get(0)[1], (String) l.get(0)[2], (UUID) l.get(0)[3],
                                (Boolean) l.get(0)[4]));
    }

    public record Lease(UUID lease, String renter, String provider, String state) {
    }

    public Uni<Lease> lease(UUID lease) {
        return rows("select lease_id, renter_id, provider_id, state from lease_projection where lease_id = :l",
                q -> q.setParameter("l", lease)).map(l -> l.isEmpty() ? null
                        : new Lease((UUID) l.get(0)[0], (String) l.get(0)[1], (String) l.get(0)[2], (String) l.get(0)[3]));
    }

    public Uni<String> assetOwner(UUID asset) {
        return rows("select owner_id from asset_projection where asset_id = :a", q -> q.setParameter("a", asset))
                .map(l -> l.isEmpty() ? null : (String) l.get(0)[0]);
    }

    /** Reviews of the subject written since {@code since} by accounts first seen after {@code newSince}. */
    public Uni<Long> reviewsFromNewAccounts(String subjectType, String subjectId, OffsetDateTime since, OffsetDateTime newSince) {
        return rows("""
                select count(*) from review r left join party_record p on p.subject_id = r.author_id
                where r.subject_type = :t and r.subject_id = :s and r.created_at >= :since
                  and coalesce(p.first_seen_at, r.created_at) >= :newSince""",
                q -> q.setParameter("t", subjectType).setParameter("s", subjectId).setParameter("since", since)
                        .setParameter("newSince", newSince)).map(l -> num(l.get(0)[0]));
    }

    public Uni<List<Rating>> ratings(String subjectType, String subjectId) {
        return rows("select rating, weight from review where subject_type = :t and subject_id = :s",
                q -> q.setParameter("t", subjectType).setParameter("s", subjectId))
                .map(l -> l.stream().map(r -> new Rating(((Number) r[0]).intValue(), (BigDecimal) r[1])).toList());
    }

    public Uni<Boolean> verified(UUID asset) {
        return rows("""
                select outcome from version_consensus where asset_id = :a order by decided_at desc limit 1""",
                q -> q.setParameter("a", asset)).map(l -> !l.isEmpty() && "VERIFIED".equals(l.get(0)[0]));
    }

    // --- reviews ---

    private static final String REVIEW_COLUMNS = """
            id, author_id, subject_type, subject_id, basis_type, basis_id, rating, text, weight, reply, replied_at, version,
            created_at, updated_at""";

    /** @return false when the basis already has a review (one per order or lease) */
    public Uni<Boolean> insertReview(Review r) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into review (" + REVIEW_COLUMNS + """
                ) values (:id, :a, :st, :si, :bt, :bi, :r, :t, :w, null, null, 0, :at, :at)
                on conflict (basis_id) do nothing""").setParameter("id", r.id()).setParameter("a", r.author())
                .setParameter("st", r.subjectType()).setParameter("si", r.subjectId()).setParameter("bt", r.basisType())
                .setParameter("bi", r.basisId()).setParameter("r", r.rating()).setParameter("t", r.text())
                .setParameter("w", r.weight()).setParameter("at", r.createdAt()).executeUpdate()).map(n -> n == 1);
    }

    public Uni<Review> review(UUID id, boolean lock) {
        return rows("select " + REVIEW_COLUMNS + " from review where id = :id" + (lock ? " for update" : ""),
                q -> q.setParameter("id", id)).map(l -> l.isEmpty() ? null : reviewOf(l.get(0)));
    }

    public Uni<Void> editReview(UUID id, int rating, String text) {
        return exec("update review set rating = :r, text = :t, version = version + 1, updated_at = now() where id = :id",
                Map.of("id", id, "r", rating, "t", text));
    }

    public Uni<Void> reply(UUID id, String text) {
        return exec("update review set reply = :t, replied_at = now(), version = version + 1, updated_at = now() where id = :id",
                Map.of("id", id, "t", text));
    }

    public Uni<List<Review>> reviews(String type, String subject, OffsetDateTime afterAt, UUID afterId, int fetchSize) {
        String keyset = afterId == null ? "" : " and (created_at < :at or (created_at = :at and id < :id))";
        return rows("select " + REVIEW_COLUMNS + " from review where subject_type = :t and subject_id = :s" + keyset
                + " order by created_at desc, id desc limit :n", q -> {
                    q.setParameter("t", type).setParameter("s", subject).setParameter("n", fetchSize);
                    if (afterId != null) {
                        q.setParameter("at", afterAt).setParameter("id", afterId);
                    }
                    return q;
                }).map(l -> l.stream().map(ReputationStore::reviewOf).toList());
    }

    private static Review reviewOf(Object[] r) {
        return new Review((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (UUID) r[5],
                ((Number) r[6]).intValue(), (String) r[7], (BigDecimal) r[8], (String) r[9], time(r[10]),
                ((Number) r[11]).longValue(), time(r[12]), time(r[13]));
    }

    // --- validators ---

    public Uni<Void> stakeLocked(UUID stake, String validator, BigDecimal amount) {
        return exec("insert into validator (validator_id) values (:v) on conflict (validator_id) do nothing", Map.of("v", validator))
                .chain(() -> Panache.getSession()).chain(s -> s.createNativeQuery("""
                        insert into validator_stake (stake_id, validator_id, amount) values (:id, :v, :m)
                        on conflict (stake_id) do nothing""").setParameter("id", stake).setParameter("v", validator)
                        .setParameter("m", amount).executeUpdate())
                .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                        : exec("update validator set stake = stake + :m, updated_at = now() where validator_id = :v",
                                Map.of("v", validator, "m", amount)));
    }

    public Uni<Void> stakeReleased(UUID stake) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                update validator_stake set released = true where stake_id = :id and not released
                returning validator_id, amount""", Object[].class).setParameter("id", stake).getResultList())
                .chain(l -> l.isEmpty() ? Uni.createFrom().voidItem()
                        : exec("update validator set stake = stake - :m, updated_at = now() where validator_id = :v",
                                Map.of("v", l.get(0)[0], "m", l.get(0)[1])));
    }

    public Uni<Validator> validator(String id) {
        return rows("select validator_id, stake, agreements, disagreements from validator where validator_id = :v",
                q -> q.setParameter("v", id)).map(l -> l.isEmpty() ? null : validatorOf(l.get(0)));
    }

    public Uni<List<Validator>> validators(int limit) {
        return rows("select validator_id, stake, agreements, disagreements from validator order by stake desc, validator_id limit :n",
                q -> q.setParameter("n", limit)).map(l -> l.stream().map(ReputationStore::validatorOf).toList());
    }

    public Uni<Void> agreement(List<String> validators, boolean agreed) {
        if (validators.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String column = agreed ? "agreements" : "disagreements";
        return Panache.getSession().chain(s -> s.createNativeQuery("update validator set " + column + " = " + column
                + " + 1, updated_at = now() where validator_id in (:v)").setParameter("v", validators).executeUpdate())
                .replaceWithVoid();
    }

    public record Version(UUID version, UUID asset, String owner, String digest) {
    }

    /** The version, locked: attestations and the consensus of one version are serialized. */
    public Uni<Version> lockVersion(UUID version) {
        return rows("select version_id, asset_id, owner_id, digest from asset_version_projection where version_id = :v for update",
                q -> q.setParameter("v", version)).map(l -> l.isEmpty() ? null
                        : new Version((UUID) l.get(0)[0], (UUID) l.get(0)[1], (String) l.get(0)[2], (String) l.get(0)[3]));
    }

    public Uni<Boolean> decided(UUID version) {
        return rows("select 1 from version_consensus where version_id = :v", q -> q.setParameter("v", version))
                .map(l -> !l.isEmpty());
    }

    public Uni<Boolean> insertAttestation(UUID id, String validator, UUID version, boolean digestMatches, String metricName,
            BigDecimal metric, BigDecimal stakeWeight) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into attestation (id, validator_id, version_id, digest_matches, metric_name, metric_value, stake_weight, created_at)
                values (:id, :v, :ver, :d, :mn, :mv, :w, now()) on conflict (validator_id, version_id) do nothing""")
                .setParameter("id", id).setParameter("v", validator).setParameter("ver", version).setParameter("d", digestMatches)
                .setParameter("mn", metricName).setParameter("mv", metric).setParameter("w", stakeWeight).executeUpdate())
                .map(n -> n == 1);
    }

    public Uni<List<Attestation>> attestations(UUID version) {
        return rows("""
                select id, validator_id, digest_matches, metric_name, metric_value, stake_weight, created_at
                from attestation where version_id = :v order by created_at, id""", q -> q.setParameter("v", version))
                .map(l -> l.stream().map(r -> new Attestation((UUID) r[0], (String) r[1], (Boolean) r[2], (String) r[3],
                        (BigDecimal) r[4], (BigDecimal) r[5], time(r[6]))).toList());
    }

    public Uni<Void> decide(UUID version, UUID asset, String outcome, BigDecimal metric, BigDecimal yes, BigDecimal no) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into version_consensus (version_id, asset_id, outcome, consensus_metric, stake_for, stake_against, decided_at)
                values (:v, :a, :o, :m, :y, :n, now())""").setParameter("v", version).setParameter("a", asset)
                .setParameter("o", outcome).setParameter("m", metric).setParameter("y", yes).setParameter("n", no)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Decision> decision(UUID version) {
        return rows("select outcome, consensus_metric, stake_for, stake_against, decided_at from version_consensus where version_id = :v",
                q -> q.setParameter("v", version)).map(l -> l.isEmpty() ? null : new Decision((String) l.get(0)[0],
                        (BigDecimal) l.get(0)[1], (BigDecimal) l.get(0)[2], (BigDecimal) l.get(0)[3], time(l.get(0)[4])));
    }

    // --- scores ---

    public Uni<Score> score(String type, String subject) {
        return rows("select score, published_score, components, updated_at from score where subject_type = :t and subject_id = :s",
                q -> q.setParameter("t", type).setParameter("s", subject)).map(l -> l.isEmpty() ? null
                        : new Score((BigDecimal) l.get(0)[0], (BigDecimal) l.get(0)[1], (String) l.get(0)[2], time(l.get(0)[3])));
    }

    public Uni<Void> saveScore(String type, String subject, BigDecimal score, BigDecimal published, String components) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into score (subject_type, subject_id, score, published_score, components, updated_at)
                values (:t, :s, :v, :p, :c, now())
                on conflict (subject_type, subject_id) do update set score = excluded.score,
                    published_score = excluded.published_score, components = excluded.components, updated_at = now()""")
                .setParameter("t", type).setParameter("s", subject).setParameter("v", score).setParameter("p", published)
                .setParameter("c", components).executeUpdate()).replaceWithVoid();
    }

    // --- helpers ---

    private Uni<Void> exec(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            params.forEach(q::setParameter);
            return q.executeUpdate();
        }).replaceWithVoid();
    }

    /** Rows as arrays, also for one-column queries (which Hibernate returns as bare values). */
    private Uni<List<Object[]>> rows(String sql, UnaryOperator<Mutiny.SelectionQuery<Object[]>> bind) {
        return Panache.getSession().chain(s -> bind.apply(s.createNativeQuery(sql, Object[].class)).getResultList())
                .map(list -> ((List<?>) list).stream().map(o -> o instanceof Object[] a ? a : new Object[] { o }).toList());
    }

    private static Validator validatorOf(Object[] r) {
        return new Validator((String) r[0], (BigDecimal) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue());
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    static OffsetDateTime time(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return o == null ? null : OffsetDateTime.parse(o.toString());
    }
}
