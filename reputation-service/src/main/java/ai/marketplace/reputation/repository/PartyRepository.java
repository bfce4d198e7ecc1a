package ai.marketplace.reputation.repository;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.Party;
import io.smallrye.mutiny.Uni;

/** Per-subject counters of lease outcomes and payments; a subject may be provider and payer at once. */
@ApplicationScoped
public class PartyRepository {

    /** What a counter counts: each names one of party_record's columns (never user input). */
    public enum Counter {
        LEASES_COMPLETED("leases_completed"),
        LEASES_FAILED("leases_failed"),
        LEASES_UNRESPONSIVE("leases_unresponsive"),
        PAYMENTS_CAPTURED("payments_captured"),
        PAYMENTS_FAILED("payments_failed");

        private final String column;

        Counter(String column) {
            this.column = column;
        }
    }

    /** Adds one to the counter and {@code spent} to what the subject spent. */
    public Uni<Void> count(Tx tx, String subject, Counter counter, BigDecimal spent) {
        return Sql.update(tx, "insert into party_record (subject_id) values ($1) on conflict (subject_id) do nothing", subject)
                .chain(() -> Sql.update(tx, "update party_record set " + counter.column + " = " + counter.column
                        + " + 1, spent = spent + $2 where subject_id = $1", subject, spent))
                .replaceWithVoid();
    }

    public Uni<Party> party(Tx tx, String subject) {
        return Sql.first(tx, """
                select leases_completed, leases_failed, leases_unresponsive, payments_captured, payments_failed, spent,
                       first_seen_at from party_record where subject_id = $1""",
                r -> new Party(r.getInteger("leases_completed"), r.getInteger("leases_failed"),
                        r.getInteger("leases_unresponsive"), r.getInteger("payments_captured"), r.getInteger("payments_failed"),
                        r.getBigDecimal("spent"), r.getOffsetDateTime("first_seen_at")), subject)
                .map(p -> p == null ? Party.NONE : p);
    }
}
