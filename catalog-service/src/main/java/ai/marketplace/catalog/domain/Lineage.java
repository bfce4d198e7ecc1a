package ai.marketplace.catalog.domain;

import java.util.List;
import java.util.UUID;

/** The lineage edges reached from an asset's versions, {@code depth} hops at most, nearest first. */
public record Lineage(UUID assetId, String direction, int depth, List<Edge> edges) {

    public record Node(UUID versionId, UUID assetId, String assetName, String semver) {
    }

    /** {@code from} was derived from / trained on {@code to}; {@code depth} hops from the asked asset. */
    public record Edge(Node from, Node to, String relation, int depth) {
    }
}
