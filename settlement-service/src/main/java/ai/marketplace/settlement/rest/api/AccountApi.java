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

    /**
     * {@code available} can be spent or withdrawn; {@code held} is in escrow for orders and leases. Deposit with
     * {@code Treasury.deposit(depositRef, amount)} on {@code treasury} after approving {@code token}.
     */
    public record AccountView(UUID id, String ownerId, Amount available, Amount held, String depositRef,
            String chainAddress, Amount lowBalanceThreshold, String token, String treasury, OffsetDateTime createdAt) {
    }

    /** null clears the threshold. */
    public record ThresholdRequest(Amount threshold) {
    }

    /** Sign {@code message} with the address's key (EIP-191 personal_sign) and send it back before {@code expiresAt}. */
    public record ChallengeView(UUID challengeId, String message, OffsetDateTime expiresAt) {
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

    /** A statement line from the account's point of view: CREDIT adds to it, DEBIT takes from it. */
    public record StatementLine(long seq, UUID transferId, String kind, String direction, Amount amount,
            String correlationId, UUID reverses, OffsetDateTime at) {
    }

    public record DepositView(UUID id, String txHash, int logIndex, long blockNumber, String from, Amount amount,
            String state, OffsetDateTime creditedAt) {
    }

    public record HoldView(UUID id, String correlationType, UUID correlationId, Amount amount, Amount captured,
            Amount fee, Amount released, String payeeId, String state, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static HoldView of(Hold h) {
            return new HoldView(h.id(), h.correlationType().name(), h.correlationId(), h.amount(), h.captured(), h.fee(),
                    h.released(), h.payeeId(), h.state().name(), h.createdAt(), h.updatedAt());
        }
    }
}
