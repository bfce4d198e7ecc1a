package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.domain.WithdrawalState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Withdrawals and the payout batches that pay them. */
@ApplicationScoped
public class WithdrawalRepository {

    private static final String COLUMNS = """
            id, account_id, owner_id, to_address, amount, state, batch_id, transfer_id, reversal_id, failure_reason, version,
            created_at, updated_at, fee, fee_transfer_id, fee_reversal_id""";
    /** What a user reads: the row and the hash of the transaction that pays its batch, once it has one. */
    private static final String READ = COLUMNS + """
            , (select c.tx_hash from payout_batch b join chain_tx c on c.id = b.chain_tx where b.id = withdrawal.batch_id)
              as payout_tx_hash""";

    public Uni<Void> insert(Tx tx, Withdrawal w) {
        return Sql.update(tx, "insert into withdrawal (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                w.id(), w.accountId(), w.ownerId(), w.toAddress(), new BigDecimal(w.amount().value()), w.state().name(),
                w.batchId(), w.transferId(), w.reversalId(), w.failureReason(), w.version(), w.createdAt(), w.updatedAt(),
                new BigDecimal(w.fee().value()), w.feeTransferId(), w.feeReversalId())
                .replaceWithVoid();
    }

    /** The withdrawal's new state, if nobody changed it since it was read (else the transaction fails). */
    public Uni<Void> update(Tx tx, Withdrawal w) {
        return Sql.update(tx, """
                update withdrawal set state = $3, batch_id = $4, reversal_id = $5, failure_reason = $6, updated_at = $7,
                    fee_reversal_id = $8, version = version + 1
                where id = $1 and version = $2""", w.id(), w.version(), w.state().name(), w.batchId(), w.reversalId(),
                w.failureReason(), w.updatedAt(), w.feeReversalId()).invoke(n -> {
                    if (n != 1) {
                        throw new IllegalStateException("withdrawal " + w.id() + " changed concurrently");
                    }
                }).replaceWithVoid();
    }

    public Uni<Withdrawal> find(Tx tx, UUID id) {
        return Sql.first(tx, "select " + READ + " from withdrawal where id = $1", WithdrawalRepository::withdrawal, id);
    }

    /** Waiting withdrawals, oldest first, claimed for one batch. */
    public Uni<List<Withdrawal>> claimWaiting(Tx tx, int limit) {
        return Sql.list(tx, "select " + COLUMNS
                + " from withdrawal where state = 'REQUESTED' order by created_at limit $1 for update skip locked",
                WithdrawalRepository::withdrawal, limit);
    }

    /** How many of the account's withdrawals are not paid or failed yet. */
    public Uni<Long> openCount(Tx tx, UUID account) {
        return Sql.first(tx, "select count(*) as n from withdrawal where account_id = $1 and state in ('REQUESTED', 'BATCHED')",
                r -> r.getLong("n"), account);
    }

    public Uni<List<Withdrawal>> inBatch(Tx tx, UUID batch) {
        return Sql.list(tx, "select " + COLUMNS + " from withdrawal where batch_id = $1 order by created_at",
                WithdrawalRepository::withdrawal, batch);
    }

    /** The owner's withdrawals, newest first, {@code fetchSize} after {@code after} (null: from the newest). */
    public Uni<List<Withdrawal>> pageByOwner(Tx tx, String owner, TimeIdKey after, int fetchSize) {
        return Sql.newestFirst(tx, "select " + READ + " from withdrawal where owner_id = $1",
                WithdrawalRepository::withdrawal, after, fetchSize, owner);
    }

    public Uni<Void> insertBatch(Tx tx, UUID id, byte[] ref, UUID chainTx, int recipients, BigInteger total) {
        return Sql.update(tx, """
                insert into payout_batch (id, batch_ref, chain_tx, recipients, total, state, created_at, updated_at)
                values ($1, $2, $3, $4, $5, 'SENT', now(), now())""", id, ref, chainTx, recipients, new BigDecimal(total))
                .replaceWithVoid();
    }

    /** The batch paid by a chain transaction, if any. */
    public Uni<UUID> batchOf(Tx tx, UUID chainTx) {
        return Sql.first(tx, "select id from payout_batch where chain_tx = $1", r -> r.getUUID("id"), chainTx);
    }

    public Uni<Void> batchSettled(Tx tx, UUID batch, boolean success) {
        return Sql.update(tx, "update payout_batch set state = $2, updated_at = now() where id = $1", batch,
                success ? "COMPLETED" : "FAILED").replaceWithVoid();
    }

    private static Withdrawal withdrawal(Row r) {
        return Withdrawal.restore(r.getUUID("id"), r.getUUID("account_id"), r.getString("owner_id"), r.getString("to_address"),
                Sql.amount(r, "amount"), WithdrawalState.valueOf(r.getString("state")), r.getUUID("batch_id"),
                r.getUUID("transfer_id"), r.getUUID("reversal_id"), r.getString("failure_reason"), r.getLong("version"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"))
                .withFee(Sql.amount(r, "fee"), r.getUUID("fee_transfer_id"), r.getUUID("fee_reversal_id"))
                .withPayoutTx(r.getColumnIndex("payout_tx_hash") >= 0 ? r.getString("payout_tx_hash") : null);
    }
}
