package ai.marketplace.compute.domain;

public enum LeaseState {
    REQUESTED,
    ACTIVE,
    COMPLETED,
    CANCELLED,
    FAILED,
    EXPIRED;

    public boolean holdsCapacity() {
        return this == REQUESTED || this == ACTIVE;
    }
}
