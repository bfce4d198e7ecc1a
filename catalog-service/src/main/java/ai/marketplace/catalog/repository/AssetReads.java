package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.AssetDetails;
import ai.marketplace.catalog.domain.AssetKind;
import ai.marketplace.catalog.domain.AssetState;
import ai.marketplace.catalog.domain.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads an asset with the reactive client into an unmanaged {@link Asset}: one prepared statement, no Hibernate
 * session, persistence context or dirty-checking snapshot. The read by id is the API's hottest path, and the
 * session's fixed cost per request was most of its time (docs/benchmarks.md, catalog reads).
 */
@ApplicationScoped
public class AssetReads {

    private static final String BY_ID = """
            select id, owner_id, kind, name, summary, description, task, modality, licence, licence_text, tags, links,
                   state, successor_id, version, created_at, updated_at, published_at
              from asset where id = $1""";

    @Inject Pool pool;
    @Inject AssetCache cache;
    private final JsonColumns.Links links = new JsonColumns.Links();

    /**
     * The asset if {@code viewer} may see it (see {@link Asset#isVisible}), else null. Non-draft ones come from
     * {@link AssetCache} when it holds them, so the instance may be shared by concurrent reads: it is only read.
     */
    public Uni<Asset> visible(UUID id, String viewer) {
        return cache.get(id, this::byId).map(a -> a != null && Asset.isVisible(a.state(), a.ownerId(), viewer) ? a : null);
    }

    private Uni<Asset> byId(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            AssetState state = AssetState.valueOf(r.getString("state"));
            String owner = r.getString("owner_id");
            AssetDetails details = new AssetDetails(r.getString("name"), r.getString("summary"), r.getString("description"),
                    r.getString("task"), r.getString("modality"), r.getString("licence"), r.getString("licence_text"),
                    List.of(r.getArrayOfStrings("tags")), links.convertToEntityAttribute(r.getString("links")));
            return Asset.restore(r.getUUID("id"), owner, AssetKind.valueOf(r.getString("kind")), details, state,
                    r.getUUID("successor_id"), r.getLong("version"), r.getOffsetDateTime("created_at"),
                    r.getOffsetDateTime("updated_at"), r.getOffsetDateTime("published_at"));
        });
    }
}
