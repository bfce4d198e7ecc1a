package ai.marketplace.settlement.domain;

/**
 * Where a hold is: the {@code hold.state} column, moved only by the ledger functions. HELD is the one state a hold
 * leaves; CAPTURED (wholly or partly, the rest released) and RELEASED are final.
 */
public enum HoldState {
    HELD,
    CAPTURED,
    RELEASED;

    public boolean isFinal() {
        return this != HELD;
    }
}
