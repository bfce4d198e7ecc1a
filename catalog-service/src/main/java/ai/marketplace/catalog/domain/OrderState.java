package ai.marketplace.catalog.domain;

public enum OrderState {
    PENDING_PAYMENT,
    PAID,
    FULFILLED,
    CANCELLED,
    REFUNDED
}
