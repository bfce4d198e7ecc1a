package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
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
            updated_at, to_address, data, gas_limit, max_fee, priority_fee, signed_at, replacements""";

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

    /** The transaction and its first version. */
    public Uni<Void> insert(Tx tx, ChainTx t) {
        ChainTx.Signing s = t.signing();
        return Sql.update(tx, "insert into chain_tx (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
                + " $13, $14, $15, $16, $17, $18, $19, $20)",
                t.id(), t.purpose().name(), t.sender(), t.nonce(), t.raw(), t.txHash(), t.state().name(), t.blockNumber(),
                t.gasUsed(), t.attempts(), t.lastError(), t.createdAt(), t.updatedAt(), s == null ? null : s.to(),
                s == null ? null : s.data(), s == null ? null : new BigDecimal(s.gasLimit()), fee(s, true), fee(s, false),
                t.signedAt(), t.replacements())
                .chain(() -> version(tx, t)).replaceWithVoid();
    }

    /** A version about to be sent, stored before it is: whichever version mines, the tracker recognises it. */
    public Uni<Void> version(Tx tx, ChainTx t) {
        return Sql.update(tx, """
                insert into chain_tx_version (tx_hash, chain_tx, raw, max_fee, priority_fee) values ($1, $2, $3, $4, $5)
                on conflict (tx_hash) do nothing""", t.txHash().toLowerCase(java.util.Locale.ROOT), t.id(), t.raw(),
                fee(t.signing(), true), fee(t.signing(), false)).replaceWithVoid();
    }

    /** Every version's hash, oldest first. */
    public Uni<List<String>> versions(Tx tx, java.util.UUID id) {
        return Sql.list(tx, "select tx_hash from chain_tx_version where chain_tx = $1 order by created_at, tx_hash",
                r -> r.getString("tx_hash"), id);
    }

    /** What the tracker learned: sent again, replaced, mined or reverted. */
    public Uni<Void> update(Tx tx, ChainTx t) {
        ChainTx.Signing s = t.signing();
        return Sql.update(tx, """
                update chain_tx set state = $2, block_number = $3, gas_used = $4, attempts = $5, last_error = $6, updated_at = $7,
                    raw = $8, tx_hash = $9, max_fee = $10, priority_fee = $11, signed_at = $12, replacements = $13
                where id = $1""", t.id(), t.state().name(), t.blockNumber(), t.gasUsed(), t.attempts(), t.lastError(),
                t.updatedAt(), t.raw(), t.txHash(), fee(s, true), fee(s, false), t.signedAt(), t.replacements())
                .replaceWithVoid();
    }

    private static BigDecimal fee(ChainTx.Signing s, boolean max) {
        return s == null ? null : new BigDecimal(max ? s.maxFee() : s.priorityFee());
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
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"))
                .withSigning(r.getString("data") == null ? null : new ChainTx.Signing(r.getString("to_address"), r.getString("data"),
                        integer(r, "gas_limit"), integer(r, "max_fee"), integer(r, "priority_fee")),
                        r.getOffsetDateTime("signed_at"), r.getInteger("replacements"));
    }

    private static BigInteger integer(Row r, String column) {
        BigDecimal v = r.getBigDecimal(column);
        return v == null ? null : v.toBigIntegerExact();
    }
}
