package ai.marketplace.catalog.rest.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.marketplace.catalog.domain.SearchHit;
import ai.marketplace.platform.money.Amount;

/** A published asset as search shows it; {@code minPrice} is the lowest active plan price (base units). */
public record SearchHitView(UUID id, String ownerId, String kind, String name, String summary, String task,
        String licence, List<String> tags, Amount minPrice, BigDecimal score, boolean verified,
        OffsetDateTime publishedAt) {

    public static SearchHitView of(SearchHit h) {
        return new SearchHitView(h.id(), h.ownerId(), h.kind(), h.name(), h.summary(), h.task(), h.licence(), h.tags(),
                h.minPrice() == null ? null : new Amount(h.minPrice().toBigIntegerExact()), h.score(), h.verified(),
                h.publishedAt());
    }
}
