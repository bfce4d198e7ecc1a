package ai.marketplace.partner.domain;

/** What came of one delivery attempt. */
public enum AttemptOutcome {
    DELIVERED, RETRYING, GAVE_UP
}
