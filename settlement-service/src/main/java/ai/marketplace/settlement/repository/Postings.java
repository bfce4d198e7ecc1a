package ai.marketplace.settlement.repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.platform.tx.Tx.TextRow;
import ai.marketplace.settlement.domain.HoldStep;
import ai.marketplace.settlement.domain.LowBalance;
import ai.marketplace.settlement.domain.PostingOutcome;
import io.smallrye.mutiny.Uni;

/**
 * Holds, captures and releases (a batch of steps in one call of {@code ledger_apply_steps}, V10 migration), slashes
 * and the low-balance watch, inside the caller's transaction. The functions return text columns, decoded here into
 * typed results.
 */
@ApplicationScoped
public class Postings {

    private static final String APPLY = """
            select outcome, hold_id::text, payer_id, available::text, held::text, released::text, low_balance::text
            from ledger_apply_steps($1, $2, $3, $4, $5, $6, $7, $8) order by ord""";
    private static final String SLASH = "select outcome, slashed::text from ledger_slash_stake($1, $2)";
    private static final String WATCH = "select cast(ledger_watch_balances(array[cast($1 as uuid)]) as text)";

    private static final TypeReference<List<LowBalance>> LOW_BALANCES = new TypeReference<>() {
    };

    @Inject ObjectMapper mapper;

    /**
     * What one step did: {@code available} is a placement's payer balance after it (or when refused), {@code held} and
     * {@code released} a capture's or release's hold amount and what went back to the payer.
     */
    public record Posted(PostingOutcome outcome, UUID holdId, String payerId, Amount available, Amount held, Amount released,
            List<LowBalance> lowBalances) {
        public boolean placed() {
            return outcome == PostingOutcome.HELD;
        }
    }

    /** {@link #apply} of one step. */
    public Uni<Posted> apply(Tx tx, HoldStep step) {
        return apply(tx, List.of(step)).map(List::getFirst);
    }

    /**
     * Applies {@code steps} in their order, in one call of {@code ledger_apply_steps} (V10 migration) inside
     * {@code tx}: each step runs the same ledger function as its one-step form. One result per step, in order.
     */
    public Uni<List<Posted>> apply(Tx tx, List<HoldStep> steps) {
        int n = steps.size();
        String[][] columns = new String[8][n];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            HoldStep s = steps.get(i);
            columns[0][i] = s.kind().name();
            columns[1][i] = s.type().name();
            columns[2][i] = s.correlationId().toString();
            columns[3][i] = s.party();
            columns[4][i] = s.payee();
            columns[5][i] = s.amount() == null ? null : s.amount().toString();
            columns[6][i] = s.fee() == null ? null : s.fee().toString();
            columns[7][i] = s.payeeDepositRef() == null ? null : hex.formatHex(s.payeeDepositRef());
        }
        return tx.query(APPLY, (Object[]) columns).map(rows -> {
            if (rows.size() != n) {
                throw new IllegalStateException("ledger_apply_steps returned " + rows.size() + " results for " + n + " steps");
            }
            List<Posted> out = new ArrayList<>(n);
            for (TextRow r : rows) {
                out.add(new Posted(PostingOutcome.valueOf(r.text(0)), r.uuid(1), r.text(2), amount(r, 3), amount(r, 4),
                        amount(r, 5), lowBalances(r.text(6))));
            }
            return out;
        });
    }

    /** {@code slashed}: what moved to insurance, at most what was left of the stake (zero unless SLASHED). */
    public record Slashed(String outcome, Amount slashed) {

        public boolean took() {
            return "SLASHED".equals(outcome) && !slashed.isZero();
        }
    }

    public Uni<Slashed> slash(Tx tx, UUID stakeId, Amount amount) {
        return tx.single(SLASH, stakeId, decimal(amount)).map(r -> new Slashed(r.text(0), amount(r, 1)));
    }

    /** After a user account's balance moved outside a hold: the accounts that just fell below their threshold. */
    public Uni<List<LowBalance>> watch(Tx tx, UUID account) {
        return tx.single(WATCH, account).map(r -> lowBalances(r.text(0)));
    }

    private List<LowBalance> lowBalances(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, LOW_BALANCES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger function returned unreadable low balances: " + json, e);
        }
    }

    private static BigDecimal decimal(Amount a) {
        return new BigDecimal(a.value());
    }

    /** NUMERIC(78,0) as text: whole base units. */
    private static Amount amount(TextRow r, int column) {
        var v = r.integer(column);
        return v == null ? null : new Amount(v);
    }
}
