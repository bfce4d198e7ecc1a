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
     * What the platform holds in its own accounts, in base units: {@code fees} earned on captures and withdrawals
     * (the sum of the {@code feeShards} fee accounts), {@code insurance} from slashed validator stakes, and deposits
     * waiting in {@code suspense} for an operator's decision.
     */
    public record PlatformBalances(String fees, int feeShards, String insurance, String suspense) {
    }

    /**
     * The treasury's token balance against the ledger: custody (what users' deposits put there) plus withdrawals
     * debited but not yet paid out must equal what the contract holds.
     */
    public record Reconciliation(boolean balanced, String chainBalance, String ledgerCustody, String pendingPayouts,
            String difference, String treasury, String token) {
    }
}
