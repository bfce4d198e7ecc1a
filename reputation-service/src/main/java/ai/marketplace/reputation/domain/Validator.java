package ai.marketplace.reputation.domain;

import java.math.BigDecimal;

/** A validator's stake (base units) and its record of agreeing with consensus. */
public record Validator(String id, BigDecimal stake, int agreements, int disagreements) {
}
