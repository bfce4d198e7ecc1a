package ai.marketplace.settlement.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Anchors and the transfers each covers (the journal itself is never touched). */
@ApplicationScoped
public class AnchorRepository {

    public record Anchor(UUID id, byte[] root, long firstSeq, long lastSeq, int leafCount, Long chainIndex, String state,
            String txHash) {
    }

    private static final String SELECT = """
            select a.id, a.root, a.first_seq, a.last_seq, a.leaf_count, a.chain_index, a.state, t.tx_hash
            from anchor a join chain_tx t on t.id = a.chain_tx where\s""";

    /** A transaction-scoped advisory lock: one anchoring (or batching) pass at a time across replicas. */
    public Uni<Boolean> tryLock(Tx tx, long key) {
        return Sql.first(tx, "select pg_try_advisory_xact_lock($1) as locked", r -> r.getBoolean("locked"), key);
    }

    public Uni<Void> insert(Tx tx, UUID id, byte[] root, long first, long last, int count, UUID chainTx) {
        return Sql.update(tx, """
                insert into anchor (id, root, first_seq, last_seq, leaf_count, chain_tx, state, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, 'SENT', now(), now())""", id, root, first, last, count, chainTx)
                .replaceWithVoid();
    }

    public Uni<Void> insertLeaves(Tx tx, UUID anchor, List<Long> seqs) {
        return Sql.update(tx, """
                insert into anchor_leaf (transfer_seq, anchor_id, leaf_index)
                select seq, $1, (ord - 1)::int from unnest($2::bigint[]) with ordinality as u(seq, ord)""",
                anchor, seqs.toArray(Long[]::new)).replaceWithVoid();
    }

    /** Whether an anchor is sent and not yet final: the next one waits, since it must start where this one ends. */
    public Uni<Boolean> inFlight(Tx tx) {
        return Sql.first(tx, "select exists (select 1 from anchor where state = 'SENT') as busy", r -> r.getBoolean("busy"));
    }

    /** Where the next anchor starts: after the last anchor that did not fail, or null when there is none. */
    public Uni<Long> nextSeq(Tx tx) {
        return Sql.first(tx, "select max(last_seq) + 1 as next from anchor where state <> 'FAILED'", r -> r.getLong("next"));
    }

    public Uni<Anchor> byChainTx(Tx tx, UUID chainTx) {
        return Sql.first(tx, SELECT + "a.chain_tx = $1", AnchorRepository::anchor, chainTx);
    }

    public Uni<Anchor> anchorOf(Tx tx, long transferSeq) {
        return Sql.first(tx, SELECT + "a.id = (select anchor_id from anchor_leaf where transfer_seq = $1) and a.state = 'ANCHORED'",
                AnchorRepository::anchor, transferSeq);
    }

    public Uni<List<Long>> leafSeqs(Tx tx, UUID anchor) {
        return Sql.list(tx, "select transfer_seq from anchor_leaf where anchor_id = $1 order by leaf_index",
                r -> r.getLong("transfer_seq"), anchor);
    }

    public Uni<Void> anchored(Tx tx, UUID id, long chainIndex) {
        return Sql.update(tx, "update anchor set state = 'ANCHORED', chain_index = $2, updated_at = now() where id = $1", id,
                chainIndex).replaceWithVoid();
    }

    /** The anchor reverted: its transfers become unanchored again and go into the next anchor. */
    public Uni<Void> failed(Tx tx, UUID id) {
        return Sql.update(tx, "delete from anchor_leaf where anchor_id = $1", id)
                .chain(() -> Sql.update(tx, "update anchor set state = 'FAILED', updated_at = now() where id = $1", id))
                .replaceWithVoid();
    }

    private static Anchor anchor(Row r) {
        return new Anchor(r.getUUID("id"), r.getBuffer("root").getBytes(), r.getLong("first_seq"), r.getLong("last_seq"),
                r.getInteger("leaf_count"), r.getLong("chain_index"), r.getString("state"), r.getString("tx_hash"));
    }
}
