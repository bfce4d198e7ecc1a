package ai.marketplace.settlement.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.domain.Withdrawal;
import ai.marketplace.settlement.service.SuspenseService;

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

    /** {@code fee}: charged on top of {@code amount}, given back if the payout reverts. */
    /** {@code txHash}: the chain transaction paying the withdrawal's batch, once it is signed. */
    public record WithdrawalView(UUID id, Amount amount, Amount fee, String toAddress, String state, UUID batchId,
            String txHash, String failureReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static WithdrawalView of(Withdrawal w) {
            return new WithdrawalView(w.id(), w.amount(), w.fee(), w.toAddress(), w.state().name(), w.batchId(),
                    w.payoutTxHash(), w.failureReason(), w.createdAt(), w.updatedAt());
        }
    }

    /** An operator's decision on a deposit in SUSPENSE; {@code reason} is kept with the deposit. */
    public record SuspenseResolutionRequest(
            @NotNull SuspenseService.Action action,
            String ownerId,
            @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 0x-prefixed 20-byte hex address") String toAddress,
            @NotBlank @jakarta.validation.constraints.Size(max = 500) String reason) {
    }

    public record SuspenseDepositView(UUID depositId, String txHash, long blockNumber, String fromAddress, Amount amount,
            OffsetDateTime createdAt) {
        public static SuspenseDepositView of(SuspenseService.Waiting d) {
            return new SuspenseDepositView(d.depositId(), d.txHash(), d.blockNumber(), d.from(), d.amount(), d.createdAt());
        }
    }

    public record SuspenseResolutionView(UUID depositId, String action, UUID transferId, UUID accountId, UUID withdrawalId,
            Amount amount) {
        public static SuspenseResolutionView of(SuspenseService.Resolved r) {
            return new SuspenseResolutionView(r.depositId(), r.action().name(), r.transferId(), r.accountId(), r.withdrawalId(),
                    r.amount());
        }
    }

    public record HoldView(UUID id, String correlationType, UUID correlationId, Amount amount, Amount captured,
            Amount fee, Amount released, Amount slashed, String payeeId, String state, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        public static HoldView of(Hold h) {
            return new HoldView(h.id(), h.correlationType().name(), h.correlationId(), h.amount(), h.captured(), h.fee(),
                    h.released(), h.slashed(), h.payeeId(), h.state().name(), h.createdAt(), h.updatedAt());
        }
    }
}
