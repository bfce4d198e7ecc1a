package ai.marketplace.settlement.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.domain.Withdrawal;

/** The settlement API's bodies. Amounts are decimal strings of token base units. */
public final class AccountApi {

    private AccountApi() {
    }

    /** null clears the threshold. */
    public record ThresholdRequest(Amount threshold) {
    }

    public record LinkRequest(
            @NotNull UUID challengeId,
            @NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 0x-prefixed 20-byte hex address") String address,
            @NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{130}", message = "must be a 0x-prefixed 65-byte hex signature") String signature) {
    }

    public record WithdrawalRequest(@NotNull Amount amount) {
    }

    public record StakeRequest(@NotNull Amount amount) {
    }

    public record WithdrawalView(UUID id, Amount amount, String toAddress, String state, UUID batchId,
            String failureReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static WithdrawalView of(Withdrawal w) {
            return new WithdrawalView(w.id(), w.amount(), w.toAddress(), w.state().name(), w.batchId(), w.failureReason(),
                    w.createdAt(), w.updatedAt());
        }
    }

    public record HoldView(UUID id, String correlationType, UUID correlationId, Amount amount, Amount captured,
            Amount fee, Amount released, String payeeId, String state, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static HoldView of(Hold h) {
            return new HoldView(h.id(), h.correlationType().name(), h.correlationId(), h.amount(), h.captured(), h.fee(),
                    h.released(), h.payeeId(), h.state().name(), h.createdAt(), h.updatedAt());
        }
    }
}
