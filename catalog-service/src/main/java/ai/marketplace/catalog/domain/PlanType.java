package ai.marketplace.catalog.domain;

public enum PlanType {
    /** A licence bought once. */
    ONE_TIME,
    /** Metered: the price is per unit (request, token, minute…). */
    PAY_PER_USE,
    /** The price buys a licence for a period of days. */
    SUBSCRIPTION
}
