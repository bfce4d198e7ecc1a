package ai.marketplace.settlement.domain;

/** REQUESTED (ledger debited) → BATCHED (in a signed payout) → COMPLETED, or FAILED (debit reversed). */
public enum WithdrawalState {
    REQUESTED,
    BATCHED,
    COMPLETED,
    FAILED;

    /** Counted as still owed to the user in the ledger audit: not yet paid, not yet reversed. */
    public boolean isOpen() {
        return this == REQUESTED || this == BATCHED;
    }
}
