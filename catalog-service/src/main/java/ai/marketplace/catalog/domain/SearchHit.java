package ai.marketplace.catalog.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A published asset as search finds it: the listing's text, the lowest active plan price (base units), reputation's
 * score and verification, and the text-search rank that orders relevance.
 */
public record SearchHit(UUID id, String ownerId, String kind, String name, String summary, String task, String licence,
        List<String> tags, BigDecimal minPrice, BigDecimal score, boolean verified, OffsetDateTime publishedAt,
        float rank) {
}
