package ai.marketplace.catalog.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.AssetKind;
import ai.marketplace.catalog.domain.SearchHit;
import ai.marketplace.catalog.repository.AssetReputationRepository;
import ai.marketplace.catalog.repository.SearchRepository;
import ai.marketplace.catalog.repository.SearchRepository.After;
import ai.marketplace.catalog.repository.SearchRepository.Criteria;
import ai.marketplace.catalog.repository.SearchRepository.Sort;
import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.paging.Cursor;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Turns query parameters into search criteria, strictly: anything malformed is a 400 naming the parameter. */
@ApplicationScoped
public class SearchService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern LICENCE = Pattern.compile("(LicenseRef-)?[A-Za-z0-9.+-]{1,100}");
    private static final BigDecimal NO_PRICE = new BigDecimal("1e80");
    private static final BigDecimal NO_SCORE = BigDecimal.ONE.negate();

    /** Raw query parameters of {@code GET /v1/search}. */
    public record Query(String q, String kind, String task, List<String> tags, String licence, String publisher,
            String minPrice, String maxPrice, String minScore, String verified, String sort) {
    }

    @Inject SearchRepository search;
    @Inject AssetReputationRepository reputation;

    /** Reputation's score for an asset, in the consumer's inbox transaction; a late, older score changes nothing. */
    public Uni<Void> assetScored(UUID assetId, BigDecimal score, OffsetDateTime asOf) {
        return reputation.scoreChanged(assetId, score, asOf);
    }

    /** Validators' consensus verified the asset: search may filter on it. */
    public Uni<Void> assetVerified(UUID assetId, OffsetDateTime at) {
        return reputation.verified(assetId, at);
    }

    public Uni<Slice<SearchHit>> search(Query q, PageRequest page) {
        String text = q.q() == null || q.q().isBlank() ? null : q.q().strip();
        if (text != null && text.length() > 200) {
            throw ProblemException.invalid("q", "must be at most 200 characters");
        }
        Sort sort = sort(q.sort(), text);
        BigDecimal min = price("minPrice", q.minPrice());
        BigDecimal max = price("maxPrice", q.maxPrice());
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw ProblemException.invalid("minPrice", "must not exceed maxPrice");
        }
        List<String> tags = q.tags() == null ? List.of() : q.tags();
        if (tags.size() > 10) {
            throw ProblemException.invalid("tag", "at most 10 tags");
        }
        tags.forEach(t -> slug("tag", t));
        Criteria c = new Criteria(text, kind(q.kind()), slug("task", q.task()), tags,
                match("licence", q.licence(), LICENCE, "must be an SPDX licence id"), publisher(q.publisher()), min,
                max, score(q.minScore()), bool("verified", q.verified()));
        After after = after(page.cursor(), sort);
        return search.search(c, sort, after, page.fetchSize())
                .map(hits -> Slice.of(hits, page, h -> cursorOf(h, sort)));
    }

    private static Sort sort(String raw, String text) {
        if (raw == null || raw.isBlank()) {
            return text == null ? Sort.NEWEST : Sort.RELEVANCE;
        }
        Sort s;
        try {
            s = Sort.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("sort", "must be one of relevance, score, price, newest");
        }
        if (s == Sort.RELEVANCE && text == null) {
            throw ProblemException.invalid("sort", "relevance needs a text query q");
        }
        return s;
    }

    private static Cursor cursorOf(SearchHit h, Sort sort) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("s", sort.name());
        keys.put("id", h.id().toString());
        switch (sort) {
            case RELEVANCE -> keys.put("k", Float.toString(h.rank()));
            case SCORE -> keys.put("k", (h.score() == null ? NO_SCORE : h.score()).toPlainString());
            case PRICE -> keys.put("k", (h.minPrice() == null ? NO_PRICE : h.minPrice()).toPlainString());
            case NEWEST -> keys.put("k", h.publishedAt().toString());
        }
        return Cursor.of(keys);
    }

    private static After after(Cursor cursor, Sort sort) {
        if (cursor == null) {
            return null;
        }
        if (!sort.name().equals(cursor.get("s"))) {
            throw ProblemException.invalid("cursor", "belongs to another sort order; start again without a cursor");
        }
        try {
            UUID id = UUID.fromString(cursor.get("id"));
            String k = cursor.get("k");
            return switch (sort) {
                case RELEVANCE -> new After(Float.parseFloat(k), null, null, null, id);
                case SCORE -> new After(null, cursor.decimal("k"), null, null, id);
                case PRICE -> new After(null, null, cursor.decimal("k"), null, id);
                case NEWEST -> new After(null, null, null, OffsetDateTime.parse(k), id);
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "is not a cursor of this list");
        }
    }

    private static String kind(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return AssetKind.valueOf(raw.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be MODEL, DATASET or SERVICE");
        }
    }

    private static String slug(String field, String raw) {
        return match(field, raw, SLUG, "must be a lower-case slug");
    }

    private static String match(String field, String raw, Pattern p, String message) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!p.matcher(raw).matches()) {
            throw ProblemException.invalid(field, message);
        }
        return raw;
    }

    private static String publisher(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > 200) {
            throw ProblemException.invalid("publisher", "must be at most 200 characters");
        }
        return raw;
    }

    private static BigDecimal price(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(Amount.parse(raw).value());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a decimal string of base units, e.g. 1500000");
        }
    }

    private static BigDecimal score(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal s = new BigDecimal(raw);
            if (s.signum() < 0 || s.compareTo(BigDecimal.ONE) > 0) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("minScore", "must be a number between 0 and 1");
        }
    }

    private static Boolean bool(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(field, "must be true or false");
        };
    }
}
