package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.money.Amount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The journal. Only inserts: the database refuses updates and deletes and moves balances on insert. */
@ApplicationScoped
public class TransferRepository {

    public record Transfer(long seq, UUID id, UUID debitAccount, UUID creditAccount, BigInteger amount, String kind,
            String correlationId, UUID reverses, OffsetDateTime createdAt) {
    }

    public Uni<Void> insert(UUID id, UUID debit, UUID credit, Amount amount, String kind, String correlation, UUID reverses) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id, reverses)
                values (:id, :debit, :credit, :amount, :kind, :corr, :rev)""")
                .setParameter("id", id).setParameter("debit", debit).setParameter("credit", credit)
                .setParameter("amount", new BigDecimal(amount.value())).setParameter("kind", kind)
                .setParameter("corr", correlation).setParameter("rev", reverses).executeUpdate()).replaceWithVoid();
    }

    /** An account's statement, newest first, keyset after {@code beforeSeq}. */
    public Uni<List<Transfer>> statement(UUID account, Long beforeSeq, int fetchSize) {
        return rows("""
                select seq, id, debit_account, credit_account, amount, kind, correlation_id, reverses, created_at
                from transfer where (debit_account = :acc or credit_account = :acc) and seq < :before
                order by seq desc limit :n""", s -> s.setParameter("acc", account)
                .setParameter("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq).setParameter("n", fetchSize));
    }

    public Uni<Transfer> byId(UUID id) {
        return rows("""
                select seq, id, debit_account, credit_account, amount, kind, correlation_id, reverses, created_at
                from transfer where id = :id""", s -> s.setParameter("id", id))
                .map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Transfers no anchor covers yet, oldest first. */
    public Uni<List<Transfer>> unanchored(int limit) {
        return rows("""
                select t.seq, t.id, t.debit_account, t.credit_account, t.amount, t.kind, t.correlation_id, t.reverses, t.created_at
                from transfer t where not exists (select 1 from anchor_leaf l where l.transfer_seq = t.seq)
                order by t.seq limit :n""", s -> s.setParameter("n", limit));
    }

    public Uni<List<Transfer>> bySeqs(List<Long> seqs) {
        return rows("""
                select seq, id, debit_account, credit_account, amount, kind, correlation_id, reverses, created_at
                from transfer where seq in (:seqs) order by seq""", s -> s.setParameter("seqs", seqs));
    }

    @SuppressWarnings("unchecked")
    private Uni<List<Transfer>> rows(String sql,
            java.util.function.UnaryOperator<org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<Object[]>> bind) {
        return Panache.getSession().chain(s -> bind.apply(s.createNativeQuery(sql, Object[].class)).getResultList())
                .map(list -> list.stream().map(r -> new Transfer(((Number) r[0]).longValue(), (UUID) r[1], (UUID) r[2],
                        (UUID) r[3], ((BigDecimal) r[4]).toBigIntegerExact(), (String) r[5], (String) r[6], (UUID) r[7],
                        toOffset(r[8]))).toList());
    }

    static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return o == null ? null : OffsetDateTime.parse(o.toString());
    }
}
