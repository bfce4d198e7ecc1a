package ai.marketplace.partner.domain;

/** An operator's disable is lifted only by an operator; one caused by failures the partner may lift itself. */
public enum DisabledBy {
    OPERATOR, FAILURES
}
