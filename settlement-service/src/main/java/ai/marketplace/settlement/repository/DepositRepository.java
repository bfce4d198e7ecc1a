package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.settlement.domain.DepositLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Deposits seen on chain and the watcher's cursor (native SQL). */
@ApplicationScoped
public class DepositRepository {

    public record Cursor(long block, long headSeen) {
    }

    public record DepositRow(UUID id, String txHash, int logIndex, long blockNumber, String from, BigDecimal amount,
            String state, OffsetDateTime createdAt) {
    }

    /** The cursor, locked for this transaction: one watcher pass at a time across replicas. */
    public Uni<Cursor> lockCursor(String name) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into chain_cursor (name, block) values (:n, 0) on conflict (name) do nothing")
                .setParameter("n", name).executeUpdate()
                .chain(() -> s.createNativeQuery("select block, head_seen from chain_cursor where name = :n for update",
                        Object[].class).setParameter("n", name).getSingleResult()))
                .map(r -> new Cursor(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
    }

    public Uni<Cursor> cursor(String name) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select block, head_seen from chain_cursor where name = :n",
                Object[].class).setParameter("n", name).getResultList())
                .map(l -> l.isEmpty() ? new Cursor(0, 0)
                        : new Cursor(((Number) l.get(0)[0]).longValue(), ((Number) l.get(0)[1]).longValue()));
    }

    public Uni<Void> advance(String name, long block, long head) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update chain_cursor set block = :b, head_seen = :h, updated_at = now() where name = :n")
                .setParameter("b", block).setParameter("h", head).setParameter("n", name).executeUpdate()).replaceWithVoid();
    }

    public Uni<Boolean> seen(String txHash, int logIndex) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select count(*) from deposit where tx_hash = :h and log_index = :i", Long.class)
                .setParameter("h", txHash).setParameter("i", logIndex).getSingleResult()).map(n -> n > 0);
    }

    public Uni<Void> insert(UUID id, DepositLog log, UUID account, String owner, UUID transfer, String state) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into deposit (id, tx_hash, log_index, block_number, block_hash, account_ref, from_address, amount,
                    account_id, owner_id, transfer_id, state, created_at)
                values (:id, :h, :i, :b, :bh, :ref, :from, :amount, :acc, :owner, :t, :state, now())""")
                .setParameter("id", id).setParameter("h", log.txHash()).setParameter("i", log.logIndex())
                .setParameter("b", log.blockNumber()).setParameter("bh", log.blockHash()).setParameter("ref", log.accountRef())
                .setParameter("from", log.from()).setParameter("amount", new BigDecimal(log.amount()))
                .setParameter("acc", account).setParameter("owner", owner).setParameter("t", transfer)
                .setParameter("state", state).executeUpdate()).replaceWithVoid();
    }

    public Uni<List<DepositRow>> ofOwner(String owner, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select id, tx_hash, log_index, block_number, from_address, amount, state, created_at from deposit
                where owner_id = :o order by created_at desc, id desc limit :n""", Object[].class)
                .setParameter("o", owner).setParameter("n", limit).getResultList())
                .map(rows -> rows.stream().map(r -> new DepositRow((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(),
                        ((Number) r[3]).longValue(), (String) r[4], (BigDecimal) r[5], (String) r[6],
                        TransferRepository.toOffset(r[7]))).toList());
    }
}
