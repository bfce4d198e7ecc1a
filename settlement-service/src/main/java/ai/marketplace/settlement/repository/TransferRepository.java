package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** The journal. Only inserts: the database refuses updates and deletes and moves balances on insert. */
@ApplicationScoped
public class TransferRepository {

    public record Transfer(long seq, UUID id, UUID debitAccount, UUID creditAccount, BigInteger amount, String kind,
            String correlationId, UUID reverses, OffsetDateTime createdAt) {
    }

    private static final String COLUMNS = "seq, id, debit_account, credit_account, amount, kind, correlation_id, reverses, created_at";

    public Uni<Void> insert(Tx tx, UUID id, UUID debit, UUID credit, Amount amount, String kind, String correlation,
            UUID reverses) {
        return Sql.update(tx, """
                insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id, reverses)
                values ($1, $2, $3, $4, $5, $6, $7)""", id, debit, credit, new BigDecimal(amount.value()), kind, correlation,
                reverses).replaceWithVoid();
    }

    /** An account's statement, newest first, keyset after {@code beforeSeq}. */
    public Uni<List<Transfer>> statement(Tx tx, UUID account, Long beforeSeq, int fetchSize) {
        return Sql.list(tx, "select " + COLUMNS
                + " from transfer where (debit_account = $1 or credit_account = $1) and seq < $2 order by seq desc limit $3",
                TransferRepository::transfer, account, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, fetchSize);
    }

    public Uni<Transfer> byId(Tx tx, UUID id) {
        return Sql.first(tx, "select " + COLUMNS + " from transfer where id = $1", TransferRepository::transfer, id);
    }

    /**
     * The newest sequence number below which no transfer can still appear. A SHARE lock on the table waits for
     * every transaction that is inserting transfers (they hold ROW EXCLUSIVE from before they draw a number) and
     * holds off new ones for a moment; whatever commits later draws a higher number. Run it in a transaction of its
     * own, so the lock lasts only as long as this query.
     */
    public Uni<Long> committedHorizon(Tx tx) {
        return Sql.update(tx, "lock table transfer in share mode")
                .chain(() -> Sql.first(tx, "select coalesce(max(seq), 0) as seq from transfer", r -> r.getLong("seq")));
    }

    /** Transfers with {@code from <= seq <= to}, in order, at most {@code limit}. */
    public Uni<List<Transfer>> range(Tx tx, long from, long to, int limit) {
        return Sql.list(tx, "select " + COLUMNS + " from transfer where seq >= $1 and seq <= $2 order by seq limit $3",
                TransferRepository::transfer, from, to, limit);
    }

    /** The lowest transfer sequence number not in any anchor, or null. */
    public Uni<Long> firstUnanchored(Tx tx) {
        return Sql.first(tx, """
                select min(t.seq) as seq from transfer t where not exists (select 1 from anchor_leaf l where l.transfer_seq = t.seq)""",
                r -> r.getLong("seq"));
    }

    public Uni<List<Transfer>> bySeqs(Tx tx, List<Long> seqs) {
        return Sql.list(tx, "select " + COLUMNS + " from transfer where seq = any($1) order by seq", TransferRepository::transfer,
                (Object) seqs.toArray(Long[]::new));
    }

    private static Transfer transfer(Row r) {
        return new Transfer(r.getLong("seq"), r.getUUID("id"), r.getUUID("debit_account"), r.getUUID("credit_account"),
                r.getBigDecimal("amount").toBigIntegerExact(), r.getString("kind"), r.getString("correlation_id"),
                r.getUUID("reverses"), r.getOffsetDateTime("created_at"));
    }
}
