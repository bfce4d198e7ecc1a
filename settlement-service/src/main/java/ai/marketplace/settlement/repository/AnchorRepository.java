package ai.marketplace.settlement.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Anchors and the transfers each covers (native SQL: the journal itself is never touched). */
@ApplicationScoped
public class AnchorRepository {

    public record Anchor(UUID id, byte[] root, long firstSeq, long lastSeq, int leafCount, Long chainIndex, String state,
            String txHash) {
    }

    /** A transaction-scoped advisory lock: one anchoring (or batching) pass at a time across replicas. */
    public Uni<Boolean> tryLock(long key) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(:k)", Boolean.class)
                .setParameter("k", key).getSingleResult());
    }

    public Uni<Void> insert(UUID id, byte[] root, long first, long last, int count, UUID chainTx) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into anchor (id, root, first_seq, last_seq, leaf_count, chain_tx, state, created_at, updated_at)
                values (:id, :root, :first, :last, :count, :tx, 'SENT', :now, :now)""")
                .setParameter("id", id).setParameter("root", root).setParameter("first", first).setParameter("last", last)
                .setParameter("count", count).setParameter("tx", chainTx).setParameter("now", now).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> insertLeaves(UUID anchor, List<Long> seqs) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into anchor_leaf (transfer_seq, anchor_id, leaf_index)
                select seq, :anchor, (ord - 1)::int from unnest(cast(:seqs as bigint[])) with ordinality as u(seq, ord)""")
                .setParameter("anchor", anchor).setParameter("seqs", seqs.toArray(Long[]::new)).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Anchor> byChainTx(UUID chainTx) {
        return one("a.chain_tx = :p", chainTx);
    }

    public Uni<Anchor> anchorOf(long transferSeq) {
        return one("a.id = (select anchor_id from anchor_leaf where transfer_seq = :p) and a.state = 'ANCHORED'", transferSeq);
    }

    public Uni<List<Long>> leafSeqs(UUID anchor) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select transfer_seq from anchor_leaf where anchor_id = :a order by leaf_index", Long.class)
                .setParameter("a", anchor).getResultList());
    }

    public Uni<Void> anchored(UUID id, long chainIndex) {
        return update("update anchor set state = 'ANCHORED', chain_index = :v, updated_at = now() where id = :id", id, chainIndex);
    }

    /** The anchor reverted: its transfers become unanchored again and go into the next anchor. */
    public Uni<Void> failed(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from anchor_leaf where anchor_id = :id")
                .setParameter("id", id).executeUpdate())
                .chain(() -> Panache.getSession()).chain(s -> s.createNativeQuery(
                        "update anchor set state = 'FAILED', updated_at = now() where id = :id").setParameter("id", id)
                        .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> update(String sql, UUID id, long v) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("id", id).setParameter("v", v)
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Anchor> one(String where, Object p) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select a.id, a.root, a.first_seq, a.last_seq, a.leaf_count, a.chain_index, a.state, t.tx_hash
                from anchor a join chain_tx t on t.id = a.chain_tx
                where\s""" + where, Object[].class)
                .setParameter("p", p).getResultList())
                .map(rows -> rows.isEmpty() ? null : toAnchor(rows.get(0)));
    }

    private static Anchor toAnchor(Object[] r) {
        return new Anchor((UUID) r[0], (byte[]) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                ((Number) r[4]).intValue(), r[5] == null ? null : ((Number) r[5]).longValue(), (String) r[6], (String) r[7]);
    }
}
