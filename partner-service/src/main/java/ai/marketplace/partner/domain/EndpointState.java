package ai.marketplace.partner.domain;

/** ACTIVE endpoints get deliveries; PAUSED ones keep what they are owed until resumed; DISABLED ones get nothing. */
public enum EndpointState {
    ACTIVE, PAUSED, DISABLED
}
