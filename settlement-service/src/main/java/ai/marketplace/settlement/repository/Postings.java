package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.settlement.messaging.SettlementEvents.BalanceLow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Holds, captures, releases and the low-balance watch: each one call of a ledger function (V3 migration), inside
 * the caller's transaction — on a connection of the reactive client (the sagas' hot path) or in the ORM's
 * session (stakes, deposits, payouts). Values cross as text, so both drivers read them the same way.
 */
@ApplicationScoped
public class Postings {

    /** The outcome of placing a hold; {@code available} is the payer's balance after it (or when refused). */
    public record Placed(String outcome, UUID holdId, BigInteger available, List<BalanceLow> lowBalances) {
        public boolean held() {
            return "HELD".equals(outcome);
        }
    }

    /** Capture and release outcomes; {@code released} is what went back to the payer. */
    public record Settled(String outcome, UUID holdId, String payerId, Amount held, Amount released,
            List<BalanceLow> lowBalances) {
    }

    private static final String PLACE = "select outcome, hold_id::text, available::text, low_balance::text from ledger_place_hold";
    private static final String CAPTURE = "select outcome, hold_id::text, payer_id, held::text, released::text, low_balance::text from ledger_capture_hold";
    private static final String RELEASE = "select outcome, hold_id::text, payer_id, held::text, held::text, low_balance::text from ledger_release_hold";

    private static final TypeReference<List<BalanceLow>> LOW_BALANCES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public Postings(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Placed> place(SqlConnection tx, String type, UUID correlationId, String payerId, Amount amount) {
        return one(tx, PLACE + "($1, $2, $3, $4)",
                Tuple.of(type, correlationId, payerId, decimal(amount)), this::placed);
    }

    public Uni<Settled> capture(SqlConnection tx, String type, UUID correlationId, String payeeId, Amount amount, Amount fee,
            byte[] payeeDepositRef) {
        return one(tx, CAPTURE + "($1, $2, $3, $4, $5, $6)", Tuple.from(new Object[] { type, correlationId,
                payeeId, decimal(amount), decimal(fee), Buffer.buffer(payeeDepositRef) }),
                this::settled);
    }

    public Uni<Settled> release(SqlConnection tx, String type, UUID correlationId) {
        return one(tx, RELEASE + "($1, $2)", Tuple.of(type, correlationId), this::settled);
    }

    /** In the ORM session's transaction. */
    @WithSession
    public Uni<Placed> place(String type, UUID correlationId, String payerId, Amount amount) {
        return sessionRow(PLACE + "(?1, ?2, ?3, ?4)", List.of(type, correlationId, payerId, decimal(amount)),
                this::placed);
    }

    @WithSession
    public Uni<Settled> release(String type, UUID correlationId) {
        return sessionRow(RELEASE + "(?1, ?2)", List.of(type, correlationId), this::settled);
    }

    /** After a user account's balance moved outside a hold: the accounts that just fell below their threshold. */
    @WithSession
    public Uni<List<BalanceLow>> watch(UUID account) {
        return sessionRow("select cast(ledger_watch_balances(array[cast(?1 as uuid)]) as text)", List.of(account),
                cols -> lowBalances((String) cols[0]));
    }

    private Placed placed(Object[] c) {
        return new Placed((String) c[0], uuid(c[1]), c[2] == null ? null : new BigInteger((String) c[2]),
                lowBalances((String) c[3]));
    }

    private Settled settled(Object[] c) {
        return new Settled((String) c[0], uuid(c[1]), (String) c[2], amount(c[3]), amount(c[4]), lowBalances((String) c[5]));
    }

    private <T> Uni<T> one(SqlConnection tx, String sql, Tuple args, Function<Object[], T> map) {
        return tx.preparedQuery(sql).execute(args).map(rows -> {
            Row row = rows.iterator().next();
            Object[] cols = new Object[row.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = row.getValue(i);
            }
            return map.apply(cols);
        });
    }

    private <T> Uni<T> sessionRow(String sql, List<Object> args, Function<Object[], T> map) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < args.size(); i++) {
                q.setParameter(i + 1, args.get(i));
            }
            return q.getSingleResult();
        }).map(r -> map.apply(r instanceof Object[] cols ? cols : new Object[] { r }));
    }

    private List<BalanceLow> lowBalances(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, LOW_BALANCES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger function returned unreadable low balances: " + json, e);
        }
    }

    private static UUID uuid(Object v) {
        return v == null ? null : UUID.fromString(v.toString());
    }

    private static BigDecimal decimal(Amount a) {
        return new BigDecimal(a.value());
    }

    private static Amount amount(Object v) {
        return v == null ? null : new Amount(new BigDecimal(v.toString()).toBigIntegerExact());
    }
}
