package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A subject's computed score, the last published one, and the components it was computed from (JSON). */
public record Score(BigDecimal score, BigDecimal published, String components, OffsetDateTime updatedAt) {
}
