package ai.marketplace.compute.domain;

/** Why a lease reached its terminal state; published in LeaseCancelled / LeaseEnded. */
public enum TerminationReason {
    /** COMPLETED: the booked hours ran out. */
    TERM_ENDED,
    /** COMPLETED: the renter ended the lease early. */
    RENTER_ENDED,
    /** CANCELLED: the renter withdrew the request before it was activated. */
    RENTER_CANCELLED,
    /** CANCELLED: settlement could not hold the funds. */
    PAYMENT_FAILED,
    /** CANCELLED: settlement held another amount than the lease's maximum. */
    HOLD_MISMATCH,
    /** EXPIRED: no payment answer within the activation timeout. */
    ACTIVATION_TIMEOUT,
    /** FAILED: the provider's node agent stopped sending heartbeats. */
    PROVIDER_UNRESPONSIVE,
    /** FAILED: the provider reported a fault. */
    PROVIDER_FAULT
}
