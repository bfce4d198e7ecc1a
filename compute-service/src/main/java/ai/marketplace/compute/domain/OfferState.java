package ai.marketplace.compute.domain;

public enum OfferState {
    /** Takes new leases. */
    ONLINE,
    /** Running leases continue, no new ones. */
    DRAINING,
    /** Not available; no lease may start. */
    OFFLINE,
    /** Gone for good (only with no capacity allocated). */
    WITHDRAWN
}
