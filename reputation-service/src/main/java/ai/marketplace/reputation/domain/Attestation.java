package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One validator's claim about an asset version, with the stake weight it carried when made. */
public record Attestation(UUID id, String validator, boolean digestMatches, String metricName, BigDecimal metric,
        BigDecimal stakeWeight, OffsetDateTime at) {
}
