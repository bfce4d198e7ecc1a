package ai.marketplace.settlement.domain;

/** What a signed transaction is for: which settlement step learns its outcome. */
public enum ChainTxPurpose {
    /** A batch of withdrawals paid by the Treasury. */
    PAYOUT,
    /** A Merkle root of ledger transfers anchored on chain. */
    ANCHOR
}
