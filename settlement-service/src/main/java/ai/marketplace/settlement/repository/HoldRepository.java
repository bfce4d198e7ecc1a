package ai.marketplace.settlement.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.peers.CorrelationKind;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.domain.HoldState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Holds, as the ledger functions left them (read only: only those functions change a hold). */
@ApplicationScoped
public class HoldRepository {

    private static final String COLUMNS = """
            id, correlation_type, correlation_id, payer_id, payer_account, hold_account, amount, captured, fee, released,
            slashed, payee_id, state, version, created_at, updated_at""";

    public Uni<Hold> find(Tx tx, UUID id) {
        return Sql.first(tx, "select " + COLUMNS + " from hold where id = $1", HoldRepository::hold, id);
    }

    /** The hold of an order, lease or stake, unlocked: the ledger functions lock it when they change it. */
    public Uni<Hold> findFor(Tx tx, CorrelationKind type, UUID correlationId) {
        return Sql.first(tx, "select " + COLUMNS + " from hold where correlation_type = $1 and correlation_id = $2",
                HoldRepository::hold, type.name(), correlationId);
    }

    /** The payer's holds, newest first, {@code fetchSize} after {@code after} (null: from the newest). */
    public Uni<List<Hold>> pageByPayer(Tx tx, String payer, TimeIdKey after, int fetchSize) {
        return Sql.newestFirst(tx, "select " + COLUMNS + " from hold where payer_id = $1", HoldRepository::hold, after,
                fetchSize, payer);
    }

    private static Hold hold(Row r) {
        return new Hold(r.getUUID("id"), CorrelationKind.valueOf(r.getString("correlation_type")), r.getUUID("correlation_id"),
                r.getString("payer_id"), r.getUUID("payer_account"), r.getUUID("hold_account"), Sql.amount(r, "amount"),
                Sql.amount(r, "captured"), Sql.amount(r, "fee"), Sql.amount(r, "released"), Sql.amount(r, "slashed"), r.getString("payee_id"),
                HoldState.valueOf(r.getString("state")), r.getLong("version"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }
}
