package ai.marketplace.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.money.Amount;

/** REQUESTED → BATCHED → COMPLETED | FAILED; nothing else, so a payout can neither be skipped nor settled twice. */
class WithdrawalTest {

    static Withdrawal requested() {
        return Withdrawal.request(UUID.randomUUID(), UUID.randomUUID(), "owner", "0xabc", Amount.of(10), UUID.randomUUID());
    }

    @Test
    void aWithdrawalIsBatchedThenCompleted() {
        Withdrawal w = requested();
        assertThat(w.state()).isEqualTo(WithdrawalState.REQUESTED);
        assertThat(w.state().isOpen()).isTrue();
        UUID batch = UUID.randomUUID();
        w.batched(batch);
        assertThat(w.state()).isEqualTo(WithdrawalState.BATCHED);
        assertThat(w.batchId()).isEqualTo(batch);
        assertThat(w.state().isOpen()).isTrue();
        w.completed();
        assertThat(w.state()).isEqualTo(WithdrawalState.COMPLETED);
        assertThat(w.state().isOpen()).isFalse();
    }

    @Test
    void aRevertedPayoutFailsTheWithdrawalWithItsReversal() {
        Withdrawal w = requested();
        w.batched(UUID.randomUUID());
        UUID reversal = UUID.randomUUID();
        w.failed("PAYOUT_REVERTED", reversal, null);
        assertThat(w.state()).isEqualTo(WithdrawalState.FAILED);
        assertThat(w.failureReason()).isEqualTo("PAYOUT_REVERTED");
        assertThat(w.reversalId()).isEqualTo(reversal);
        assertThat(w.state().isOpen()).isFalse();
    }

    @Test
    void aWithdrawalTheTreasuryPaidBeforeARestoreCompletesWithoutABatchAndOnlyFromRequested() {
        Withdrawal w = requested();
        w.foundPaid();
        assertThat(w.state()).isEqualTo(WithdrawalState.COMPLETED);
        assertThat(w.batchId()).isNull();
        assertThatThrownBy(w::foundPaid).isInstanceOf(IllegalStateException.class);
        Withdrawal batched = requested();
        batched.batched(UUID.randomUUID());
        assertThatThrownBy(batched::foundPaid).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noStepIsSkippedOrRepeated() {
        Withdrawal fresh = requested();
        assertThatThrownBy(fresh::completed).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fresh.failed("X", UUID.randomUUID(), null)).isInstanceOf(IllegalStateException.class);
        assertThat(fresh.state()).isEqualTo(WithdrawalState.REQUESTED);

        Withdrawal batched = requested();
        batched.batched(UUID.randomUUID());
        assertThatThrownBy(() -> batched.batched(UUID.randomUUID())).isInstanceOf(IllegalStateException.class);

        Withdrawal done = requested();
        done.batched(UUID.randomUUID());
        done.completed();
        assertThatThrownBy(done::completed).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.failed("X", UUID.randomUUID(), null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.batched(UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
        assertThat(done.state()).isEqualTo(WithdrawalState.COMPLETED);
        assertThat(done.reversalId()).isNull();
    }
}
