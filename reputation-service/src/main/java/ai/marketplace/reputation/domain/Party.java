package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A subject's record as provider and payer: lease outcomes it was paid for, payments it made or failed, what it spent
 * (base units) and when it was first seen. {@link #NONE} for a subject never seen.
 */
public record Party(long completed, long failed, long unresponsive, long captured, long paymentsFailed, BigDecimal spent,
        OffsetDateTime firstSeen) {

    public static final Party NONE = new Party(0, 0, 0, 0, 0, BigDecimal.ZERO, null);
}
