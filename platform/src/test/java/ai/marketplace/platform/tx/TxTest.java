package ai.marketplace.platform.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Statements are written once with PostgreSQL's placeholders; the session carrier renumbers them for Hibernate. */
class TxTest {

    @Test
    void theSessionCarrierTurnsDollarPlaceholdersIntoHibernatesOwn() {
        assertThat(Tx.Session.hibernate("select f($1, $2, $10) where a = $1"))
                .isEqualTo("select f(?1, ?2, ?10) where a = ?1");
        assertThat(Tx.Session.hibernate("select '$' || x")).as("a lone dollar is not a placeholder")
                .isEqualTo("select '$' || x");
    }

    @Test
    void textRowsDecodeTheirColumns() {
        UUID id = UUID.randomUUID();
        Tx.TextRow row = new Tx.TextRow(Arrays.asList(id.toString(), "115792089237316195423570985008687907853269984665640564039457584007913129639935", null));
        assertThat(row.uuid(0)).isEqualTo(id);
        assertThat(row.integer(1).bitLength()).isEqualTo(256);
        assertThat(row.text(2)).isNull();
        assertThat(row.uuid(2)).isNull();
    }
}
