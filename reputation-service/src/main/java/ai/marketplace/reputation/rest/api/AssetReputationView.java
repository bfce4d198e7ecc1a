package ai.marketplace.reputation.rest.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.marketplace.reputation.domain.AssetProjection;

public record AssetReputationView(UUID assetId, String ownerId, String kind, String name, OffsetDateTime listedAt) {

    public static AssetReputationView of(AssetProjection p) {
        return new AssetReputationView(p.assetId(), p.ownerId(), p.kind(), p.name(), p.createdAt());
    }
}
