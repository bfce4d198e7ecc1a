package ai.marketplace.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.peers.CorrelationKind;

/**
 * Holds move only in the ledger functions (SQL); Java reads their states and outcomes as enums. These tests pin the
 * transition rule and check that the enums and the SQL use the same words, so a new outcome in SQL fails here
 * instead of in a consumer at run time.
 */
class HoldStateTest {

    @Test
    void heldIsTheOneStateAHoldLeaves() {
        assertThat(Arrays.stream(HoldState.values()).filter(s -> !s.isFinal())).containsExactly(HoldState.HELD);
        assertThat(Arrays.stream(HoldState.values()).filter(HoldState::isFinal))
                .containsExactlyInAnyOrder(HoldState.CAPTURED, HoldState.RELEASED);
    }

    @Test
    void theLedgerFunctionsAndTheEnumsUseTheSameWords() throws IOException {
        // V5 replaces the hold functions of V3 (adding PAYEE_MISMATCH); both sets of words must be the enum's.
        String sql = resource("db/migration/V3__posting_functions.sql") + resource("db/migration/V5__hold_payee.sql");
        Set<String> outcomes = new TreeSet<>();
        Matcher m = Pattern.compile("return query select '([A-Z_]+)'::text").matcher(sql);
        while (m.find()) {
            outcomes.add(m.group(1));
        }
        // "state || '_ALREADY'": a redelivered capture or release reports the final state it found
        if (sql.contains("v_hold.state || '_ALREADY'")) {
            Arrays.stream(HoldState.values()).filter(HoldState::isFinal).forEach(s -> outcomes.add(s + "_ALREADY"));
        }
        assertThat(outcomes).isEqualTo(Arrays.stream(PostingOutcome.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)));

        String schema = resource("db/migration/V1__ledger.sql") + resource("db/migration/V2__stakes.sql");
        for (HoldState s : HoldState.values()) {
            assertThat(sql + schema).as("hold state " + s + " in SQL").contains("'" + s + "'");
        }
        for (CorrelationKind k : CorrelationKind.values()) {
            assertThat(schema).as("correlation kind " + k + " allowed by the hold table").contains("'" + k + "'");
        }
    }

    @Test
    void refusedPlacementsAreThePaymentFailureReasons() {
        assertThat(Arrays.stream(PostingOutcome.values()).filter(PostingOutcome::refused))
                .containsExactlyInAnyOrder(PostingOutcome.NO_ACCOUNT, PostingOutcome.INSUFFICIENT_FUNDS);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HoldStateTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
