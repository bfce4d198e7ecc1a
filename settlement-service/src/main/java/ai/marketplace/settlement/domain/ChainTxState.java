package ai.marketplace.settlement.domain;

/**
 * SIGNED (stored with its business change) → SENT (given to the node, possibly again) → MINED or REVERTED once
 * its receipt has enough confirmations. MINED and REVERTED are final.
 */
public enum ChainTxState {
    SIGNED,
    SENT,
    MINED,
    REVERTED;

    public boolean isFinal() {
        return this == MINED || this == REVERTED;
    }
}
