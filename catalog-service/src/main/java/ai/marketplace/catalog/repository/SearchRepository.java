package ai.marketplace.catalog.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.SearchHit;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Published assets by full text and filters, in one of four orders, a keyset page at a time. Every value from
 * the client is a bind parameter; only fixed fragments are concatenated.
 */
@ApplicationScoped
public class SearchRepository {

    public enum Sort {
        RELEVANCE,
        SCORE,
        PRICE,
        NEWEST
    }

    public record Criteria(String text, String kind, String task, List<String> tags, String licence, String publisher,
            BigDecimal minPrice, BigDecimal maxPrice, BigDecimal minScore, Boolean verified) {
    }

    /** Where the previous page ended, in the sort's own keys. */
    public record After(Float rank, BigDecimal score, BigDecimal price, OffsetDateTime publishedAt, UUID id) {
    }

    @Inject Pool pool;

    public Uni<List<SearchHit>> search(Criteria c, Sort sort, After after, int fetchSize) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("a.state = 'PUBLISHED'");
        String rank = "0::real";
        if (c.text() != null) {
            params.add(c.text());
            String q = "websearch_to_tsquery('english', $" + params.size() + ")";
            where.append(" and a.search_vector @@ ").append(q);
            rank = "ts_rank_cd(a.search_vector, " + q + ", 32)::real"; // 32: rank / (rank + 1), bounded 0..1
        }
        if (c.kind() != null) {
            params.add(c.kind());
            where.append(" and a.kind = $").append(params.size());
        }
        if (c.task() != null) {
            params.add(c.task());
            where.append(" and a.task = $").append(params.size());
        }
        if (c.tags() != null && !c.tags().isEmpty()) {
            params.add(c.tags().toArray(String[]::new));
            where.append(" and a.tags @> $").append(params.size()).append("::text[]");
        }
        if (c.licence() != null) {
            params.add(c.licence());
            where.append(" and a.licence = $").append(params.size());
        }
        if (c.publisher() != null) {
            params.add(c.publisher());
            where.append(" and a.owner_id = $").append(params.size());
        }
        if (c.minPrice() != null) {
            params.add(c.minPrice());
            where.append(" and a.min_price >= $").append(params.size());
        }
        if (c.maxPrice() != null) {
            params.add(c.maxPrice());
            where.append(" and a.min_price <= $").append(params.size());
        }
        if (c.minScore() != null) {
            params.add(c.minScore());
            where.append(" and r.score >= $").append(params.size());
        }
        if (Boolean.TRUE.equals(c.verified())) {
            where.append(" and r.verified");
        } else if (Boolean.FALSE.equals(c.verified())) {
            where.append(" and coalesce(r.verified, false) = false");
        }

        // Keys as the outer query sees them (nulls mapped so that comparisons are total orders).
        String order;
        String keyset = null;
        switch (sort) {
            case RELEVANCE -> {
                order = "rank desc, id";
                if (after != null) {
                    params.add(after.rank());
                    params.add(after.id());
                    keyset = "(rank < $" + (params.size() - 1) + " or (rank = $" + (params.size() - 1) + " and id > $" + params.size() + "))";
                }
            }
            case SCORE -> {
                order = "score_key desc, id";
                if (after != null) {
                    params.add(after.score());
                    params.add(after.id());
                    keyset = "(score_key < $" + (params.size() - 1) + " or (score_key = $" + (params.size() - 1) + " and id > $" + params.size() + "))";
                }
            }
            case PRICE -> {
                order = "price_key, id";
                if (after != null) {
                    params.add(after.price());
                    params.add(after.id());
                    keyset = "(price_key > $" + (params.size() - 1) + " or (price_key = $" + (params.size() - 1) + " and id > $" + params.size() + "))";
                }
            }
            default -> {
                order = "published_at desc, id";
                if (after != null) {
                    params.add(after.publishedAt());
                    params.add(after.id());
                    keyset = "(published_at < $" + (params.size() - 1) + " or (published_at = $" + (params.size() - 1) + " and id > $" + params.size() + "))";
                }
            }
        }
        params.add(fetchSize);
        String sql = "select * from (select a.id, a.owner_id, a.kind, a.name, a.summary, a.task, a.licence, a.tags,"
                + " a.min_price, a.published_at, r.score, coalesce(r.verified, false) as verified, " + rank + " as rank,"
                + " coalesce(r.score, -1) as score_key,"
                // Assets without an active plan sort after every priced one.
                + " coalesce(a.min_price, 1e80) as price_key"
                + " from asset a left join asset_reputation r on r.asset_id = a.id where " + where + ") s"
                + (keyset == null ? "" : " where " + keyset)
                + " order by " + order + " limit $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<SearchHit> hits = new ArrayList<>();
            for (Row r : rows) {
                String[] tags = r.getArrayOfStrings("tags");
                hits.add(new SearchHit(r.getUUID("id"), r.getString("owner_id"), r.getString("kind"), r.getString("name"),
                        r.getString("summary"), r.getString("task"), r.getString("licence"),
                        tags == null ? List.of() : List.of(tags), r.getBigDecimal("min_price"), r.getBigDecimal("score"),
                        r.getBoolean("verified"), r.getOffsetDateTime("published_at"), r.getFloat("rank")));
            }
            return hits;
        });
    }
}
