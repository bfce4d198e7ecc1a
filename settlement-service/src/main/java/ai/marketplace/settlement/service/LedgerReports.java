package ai.marketplace.settlement.service;

/**
 * What the ledger audit reports to operators, as the API returns it. Signed amounts (custody runs negative) are decimal
 * strings.
 */
public final class LedgerReports {

    private LedgerReports() {
    }

    /**
     * {@code sum} must be 0; {@code negativeAccounts} and {@code driftingAccounts} (balance ≠ credits − debits in the
     * journal) must be 0; {@code heldInHolds} must equal {@code openHoldAmounts}.
     */
    public record Invariants(boolean ok, String sum, long negativeAccounts, long driftingAccounts, String heldInHolds,
            String openHoldAmounts, long transfers) {
    }

    /**
     * The treasury's token balance against the ledger: custody (what users' deposits put there) plus withdrawals
     * debited but not yet paid out must equal what the contract holds.
     */
    public record Reconciliation(boolean balanced, String chainBalance, String ledgerCustody, String pendingPayouts,
            String difference, String treasury, String token) {
    }
}
