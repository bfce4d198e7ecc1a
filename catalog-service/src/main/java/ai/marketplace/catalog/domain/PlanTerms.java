package ai.marketplace.catalog.domain;

import ai.marketplace.platform.money.Amount;

/** What a new pricing plan asks: its type, price in base units, and the unit or period its type needs. */
public record PlanTerms(PlanType type, Amount price, String unit, Integer periodDays) {
}
