package ai.marketplace.reputation.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What reputation knows about a catalog asset, learned from catalog's {@code AssetCreated}. */
public record AssetProjection(UUID assetId, String ownerId, String kind, String name, OffsetDateTime createdAt) {
}
