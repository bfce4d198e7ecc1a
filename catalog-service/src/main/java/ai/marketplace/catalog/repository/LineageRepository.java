package ai.marketplace.catalog.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Walks the lineage graph with a recursive query, bounded by depth. */
@ApplicationScoped
public class LineageRepository {

    public enum Direction {
        UPSTREAM,
        DOWNSTREAM
    }

    /** One edge: {@code child} was derived from / trained on {@code parent}, found at {@code depth} hops. */
    public record Edge(UUID childVersion, String childSemver, String childVersionState, UUID childAsset,
            String childAssetName, String childAssetState, String childOwner, UUID parentVersion, String parentSemver, UUID parentAsset,
            String parentAssetName, String parentAssetState, String parentOwner, String relation, int depth) {
    }

    private static final String SELECT = """
            select w.child, cv.semver as child_semver, cv.state as child_version_state, ca.id as child_asset, ca.name as child_name,
                   ca.state as child_state, ca.owner_id as child_owner,
                   w.parent, pv.semver as parent_semver, pa.id as parent_asset, pa.name as parent_name,
                   pa.state as parent_state, pa.owner_id as parent_owner, w.relation, min(w.depth) as depth
            from walk w
            join asset_version cv on cv.id = w.child join asset ca on ca.id = cv.asset_id
            join asset_version pv on pv.id = w.parent join asset pa on pa.id = pv.asset_id
            group by w.child, cv.semver, cv.state, ca.id, ca.name, ca.state, ca.owner_id,
                     w.parent, pv.semver, pa.id, pa.name, pa.state, pa.owner_id, w.relation
            order by depth, child_name, child_semver, parent_name, parent_semver
            """ + "limit " + LineageRepository.MAX_EDGES;

    /** Most edges one walk returns, nearest first: a popular base model's downstream is bounded work. */
    public static final int MAX_EDGES = 2_000;

    // Upstream follows a version to its parents, downstream to its children: the same walk with the two ends of
    // version_reference swapped.
    private static final String UPSTREAM = walk("version_id", "w.parent");
    private static final String DOWNSTREAM = walk("parent_id", "w.child");

    private static String walk(String from, String reached) {
        return """
                with recursive walk(child, parent, relation, depth) as (
                    select r.version_id, r.parent_id, r.relation, 1
                    from version_reference r join asset_version v on v.id = r.%1$s
                    where v.asset_id = $1
                  union
                    select r.version_id, r.parent_id, r.relation, w.depth + 1
                    from version_reference r join walk w on r.%1$s = %2$s
                    where w.depth < $2
                )
                """.formatted(from, reached) + SELECT;
    }

    @Inject Pool pool;

    public Uni<List<Edge>> walk(UUID assetId, Direction direction, int depth) {
        return pool.preparedQuery(direction == Direction.UPSTREAM ? UPSTREAM : DOWNSTREAM)
                .execute(Tuple.of(assetId, depth))
                .map(rows -> {
                    List<Edge> edges = new ArrayList<>();
                    for (Row r : rows) {
                        edges.add(new Edge(r.getUUID("child"), r.getString("child_semver"), r.getString("child_version_state"),
                                r.getUUID("child_asset"),
                                r.getString("child_name"), r.getString("child_state"), r.getString("child_owner"),
                                r.getUUID("parent"), r.getString("parent_semver"), r.getUUID("parent_asset"),
                                r.getString("parent_name"), r.getString("parent_state"), r.getString("parent_owner"),
                                r.getString("relation"), r.getInteger("depth")));
                    }
                    return edges;
                });
    }
}
