package ai.marketplace.settlement.repository;

import java.math.BigInteger;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxPurpose;
import ai.marketplace.settlement.domain.ChainTxState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Transactions the service signed, stored with the business change that needed them. */
@ApplicationScoped
public class ChainTxRepository {

    private static final String COLUMNS = """
            id, purpose, sender, nonce, raw, tx_hash, state, block_number, gas_used, attempts, last_error, created_at,
            updated_at""";

    /**
     * The next nonce of {@code sender}, never handed out twice: the row lock serializes replicas, and the chain's
     * own count wins when something else used the key.
     */
    public Uni<Long> allocateNonce(Tx tx, String sender, BigInteger chainPending) {
        return Sql.update(tx, """
                insert into chain_nonce (sender, next) values ($1, $2)
                on conflict (sender) do update set next = greatest(chain_nonce.next, excluded.next)""",
                sender, chainPending.longValueExact())
                .chain(() -> Sql.first(tx, "update chain_nonce set next = next + 1 where sender = $1 returning next - 1 as nonce",
                        r -> r.getLong("nonce"), sender));
    }

    public Uni<Void> insert(Tx tx, ChainTx t) {
        return Sql.update(tx, "insert into chain_tx (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                t.id(), t.purpose().name(), t.sender(), t.nonce(), t.raw(), t.txHash(), t.state().name(), t.blockNumber(),
                t.gasUsed(), t.attempts(), t.lastError(), t.createdAt(), t.updatedAt()).replaceWithVoid();
    }

    /** What the tracker learned: sent again, mined or reverted. */
    public Uni<Void> update(Tx tx, ChainTx t) {
        return Sql.update(tx, """
                update chain_tx set state = $2, block_number = $3, gas_used = $4, attempts = $5, last_error = $6, updated_at = $7
                where id = $1""", t.id(), t.state().name(), t.blockNumber(), t.gasUsed(), t.attempts(), t.lastError(),
                t.updatedAt()).replaceWithVoid();
    }

    /** Open transactions, lowest nonce first, claimed by one tracker (replica) at a time. */
    public Uni<List<ChainTx>> claimOpen(Tx tx, int limit) {
        return Sql.list(tx, "select " + COLUMNS
                + " from chain_tx where state in ('SIGNED', 'SENT') order by sender, nonce limit $1 for update skip locked",
                ChainTxRepository::chainTx, limit);
    }

    private static ChainTx chainTx(Row r) {
        return ChainTx.restore(r.getUUID("id"), ChainTxPurpose.valueOf(r.getString("purpose")), r.getString("sender"),
                r.getLong("nonce"), r.getString("raw"), r.getString("tx_hash"), ChainTxState.valueOf(r.getString("state")),
                r.getLong("block_number"), r.getLong("gas_used"), r.getInteger("attempts"), r.getString("last_error"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
