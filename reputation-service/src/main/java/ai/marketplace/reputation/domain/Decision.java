package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** The consensus reached on an asset version: VERIFIED or DISPUTED, and the stake on each side. */
public record Decision(String outcome, BigDecimal metric, BigDecimal stakeFor, BigDecimal stakeAgainst,
        OffsetDateTime at) {
}
