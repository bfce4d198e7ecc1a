package ai.marketplace.platform.peers;

/**
 * What a hold in settlement is for: the {@code correlationType} of settlement's hold events, and the
 * {@code p_type} argument of its ledger functions (the same words in SQL).
 */
public enum CorrelationKind {
    /** A purchase in catalog; the correlation id is the order id. */
    ORDER,
    /** A rental in compute; the correlation id is the lease id. */
    LEASE,
    /** A validator's stake in settlement itself; the correlation id is the stake id. */
    STAKE
}
