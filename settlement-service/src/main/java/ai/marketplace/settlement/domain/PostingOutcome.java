package ai.marketplace.settlement.domain;

/**
 * What a ledger function did ({@code outcome} of {@code ledger_place_hold}, {@code ledger_capture_hold},
 * {@code ledger_release_hold}): the words the SQL returns, one constant each.
 */
public enum PostingOutcome {
    /** The hold was placed. */
    HELD,
    /** The correlation already had a hold: a redelivery. */
    EXISTS,
    /** The payer has no account yet: the payment fails with this reason. */
    NO_ACCOUNT,
    /** The payer's available balance is short: the payment fails with this reason. */
    INSUFFICIENT_FUNDS,
    /** No hold for the correlation. */
    MISSING,
    /** The hold was captured (any rest released). */
    CAPTURED,
    /** The hold was released in full. */
    RELEASED,
    /** A capture asked for more than the hold. */
    EXCEEDS,
    /** A capture named another payee than the one the hold was placed for. */
    PAYEE_MISMATCH,
    /** The hold had been captured before: a redelivery. */
    CAPTURED_ALREADY,
    /** The hold had been released before: a redelivery. */
    RELEASED_ALREADY;

    /** A hold that could not be placed, which the payer learns as {@code PaymentFailed(reason)}. */
    public boolean refused() {
        return this == NO_ACCOUNT || this == INSUFFICIENT_FUNDS;
    }
}
