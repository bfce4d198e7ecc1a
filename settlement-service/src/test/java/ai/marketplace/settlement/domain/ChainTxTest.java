package ai.marketplace.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SIGNED → SENT (any number of times) → MINED | REVERTED, which are final. */
class ChainTxTest {

    static ChainTx signed() {
        return ChainTx.signed(ChainTxPurpose.PAYOUT, "0xoperator", 7, "0xraw", "0xhash");
    }

    @Test
    void aSignedTransactionIsSentAndResentUntilItsReceiptIsFinal() {
        ChainTx t = signed();
        assertThat(t.state()).isEqualTo(ChainTxState.SIGNED);
        assertThat(t.attempts()).isZero();
        t.sent(null);
        t.sent("already known");
        assertThat(t.state()).isEqualTo(ChainTxState.SENT);
        assertThat(t.attempts()).isEqualTo(2);
        t.mined(100, 21_000, true);
        assertThat(t.state()).isEqualTo(ChainTxState.MINED);
        assertThat(t.blockNumber()).isEqualTo(100);
        assertThat(t.gasUsed()).isEqualTo(21_000);
    }

    @Test
    void aRevertedTransactionIsFinalToo() {
        ChainTx t = signed();
        t.mined(5, 30_000, false); // found on chain without this process having sent it (a restart)
        assertThat(t.state()).isEqualTo(ChainTxState.REVERTED);
        assertThat(t.state().isFinal()).isTrue();
    }

    @Test
    void aFinalTransactionIsNeitherSentNorSettledAgain() {
        ChainTx t = signed();
        t.mined(1, 1, true);
        assertThatThrownBy(() -> t.sent(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> t.mined(2, 1, false)).isInstanceOf(IllegalStateException.class);
        assertThat(t.state()).isEqualTo(ChainTxState.MINED);
        assertThat(t.blockNumber()).isEqualTo(1);
        assertThat(t.attempts()).isZero();
    }
}
