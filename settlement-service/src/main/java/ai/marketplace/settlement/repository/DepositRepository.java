package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.DepositLog;
import io.smallrye.mutiny.Uni;

/** Deposits seen on chain and the watcher's cursor. */
@ApplicationScoped
public class DepositRepository {

    public record Cursor(long block, long headSeen) {
    }

    public record DepositRow(UUID id, String txHash, int logIndex, long blockNumber, String from, BigDecimal amount,
            String state, OffsetDateTime createdAt) {
    }

    /** The cursor, locked for this transaction: one watcher pass at a time across replicas. */
    public Uni<Cursor> lockCursor(Tx tx, String name) {
        return Sql.update(tx, "insert into chain_cursor (name, block) values ($1, 0) on conflict (name) do nothing", name)
                .chain(() -> Sql.first(tx, "select block, head_seen from chain_cursor where name = $1 for update",
                        r -> new Cursor(r.getLong("block"), r.getLong("head_seen")), name));
    }

    public Uni<Cursor> cursor(Tx tx, String name) {
        return Sql.first(tx, "select block, head_seen from chain_cursor where name = $1",
                r -> new Cursor(r.getLong("block"), r.getLong("head_seen")), name)
                .map(c -> c == null ? new Cursor(0, 0) : c);
    }

    public Uni<Void> advance(Tx tx, String name, long block, long head) {
        return Sql.update(tx, "update chain_cursor set block = $2, head_seen = $3, updated_at = now() where name = $1", name,
                block, head).replaceWithVoid();
    }

    /** A block a cursor read up to and its hash at the time. */
    public record Checkpoint(long block, String hash) {
    }

    public Uni<Boolean> seen(Tx tx, String txHash, int ordinal) {
        return Sql.first(tx, "select 1 as one from deposit where tx_hash = $1 and tx_log_ordinal = $2", r -> true, txHash,
                ordinal).map(found -> found != null);
    }

    public Uni<Void> insert(Tx tx, UUID id, DepositLog log, int ordinal, UUID account, String owner, UUID transfer,
            String state) {
        return Sql.update(tx, """
                insert into deposit (id, tx_hash, log_index, tx_log_ordinal, block_number, block_hash, account_ref,
                    from_address, amount, account_id, owner_id, transfer_id, state, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())""", id, log.txHash(),
                log.logIndex(), ordinal, log.blockNumber(), log.blockHash(), log.accountRef(), log.from(),
                new BigDecimal(log.amount()), account, owner, transfer, state).replaceWithVoid();
    }

    /** An unmatched deposit as an operator resolves it. */
    public record Unmatched(UUID id, String txHash, int logIndex, long blockNumber, String from, java.math.BigInteger amount,
            OffsetDateTime createdAt) {
    }

    public Uni<List<Unmatched>> unmatched(Tx tx, int limit) {
        return Sql.list(tx, """
                select id, tx_hash, log_index, block_number, from_address, amount, created_at from deposit
                where state = 'UNMATCHED' order by created_at, id limit $1""", DepositRepository::unmatchedRow, limit);
    }

    /** The deposit if it is unmatched, locked until the transaction ends; null otherwise. */
    public Uni<Unmatched> lockUnmatched(Tx tx, UUID id) {
        return Sql.first(tx, """
                select id, tx_hash, log_index, block_number, from_address, amount, created_at from deposit
                where id = $1 and state = 'UNMATCHED' for update""", DepositRepository::unmatchedRow, id);
    }

    public Uni<Boolean> exists(Tx tx, UUID id) {
        return Sql.first(tx, "select 1 as one from deposit where id = $1", r -> true, id).map(found -> found != null);
    }

    /** Records the operator's decision; for a credit, the deposit now belongs to {@code account} / {@code owner}. */
    public Uni<Void> resolved(Tx tx, UUID id, String resolution, String operator, String reason, UUID transfer, UUID account,
            String owner, UUID refund) {
        return Sql.update(tx, """
                update deposit set state = 'RESOLVED', resolution = $2, resolved_by = $3, resolved_at = now(),
                    resolution_reason = $4, resolution_transfer = $5, account_id = coalesce($6, account_id),
                    owner_id = coalesce($7, owner_id), refund_withdrawal = $8
                where id = $1 and state = 'UNMATCHED'""", id, resolution, operator, reason, transfer, account, owner, refund)
                .replaceWithVoid();
    }

    private static Unmatched unmatchedRow(io.vertx.mutiny.sqlclient.Row r) {
        return new Unmatched(r.getUUID("id"), r.getString("tx_hash"), r.getInteger("log_index"), r.getLong("block_number"),
                r.getString("from_address"),
                Sql.amount(r, "amount").value(), r.getOffsetDateTime("created_at"));
    }

    /** The cursor's remembered blocks, newest first. */
    public Uni<List<Checkpoint>> checkpoints(Tx tx, String name) {
        return Sql.list(tx, "select block, block_hash from chain_checkpoint where cursor_name = $1 order by block desc",
                r -> new Checkpoint(r.getLong("block"), r.getString("block_hash")), name);
    }

    /** Remembers {@code block}, keeping the newest {@code keep} checkpoints. */
    public Uni<Void> checkpoint(Tx tx, String name, long block, String hash, int keep) {
        return Sql.update(tx, """
                insert into chain_checkpoint (cursor_name, block, block_hash) values ($1, $2, $3)
                on conflict (cursor_name, block) do update set block_hash = excluded.block_hash, created_at = now()""",
                name, block, hash.toLowerCase(java.util.Locale.ROOT))
                .chain(() -> Sql.update(tx, """
                        delete from chain_checkpoint where cursor_name = $1 and block not in (
                            select block from chain_checkpoint where cursor_name = $1 order by block desc limit $2)""",
                        name, keep))
                .replaceWithVoid();
    }

    /** Moves the cursor back to {@code block} (a fork point) and forgets the checkpoints of the abandoned branch. */
    public Uni<Void> rewind(Tx tx, String name, long block, long head) {
        return Sql.update(tx, "delete from chain_checkpoint where cursor_name = $1 and block > $2", name, block)
                .chain(() -> advance(tx, name, block, head));
    }

    public Uni<List<DepositRow>> pageByOwner(Tx tx, String owner, TimeIdKey after, int fetchSize) {
        return Sql.newestFirst(tx, """
                select id, tx_hash, log_index, block_number, from_address, amount, state, created_at from deposit
                where owner_id = $1""",
                r -> new DepositRow(r.getUUID("id"), r.getString("tx_hash"), r.getInteger("log_index"), r.getLong("block_number"),
                        r.getString("from_address"), r.getBigDecimal("amount"), r.getString("state"),
                        r.getOffsetDateTime("created_at")), after, fetchSize, owner);
    }
}
