package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A review as stored: who wrote it about what, on which order or lease, and how much it weighs in the score. */
public record Review(UUID id, String author, String subjectType, String subjectId, String basisType, UUID basisId,
        int rating, String text, BigDecimal weight, String reply, OffsetDateTime repliedAt, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
