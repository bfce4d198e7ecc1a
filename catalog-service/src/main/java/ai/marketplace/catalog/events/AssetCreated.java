package ai.marketplace.catalog.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.marketplace.catalog.domain.Asset;

/**
 * {@code ai.marketplace.catalog.AssetCreated.v1}: a provider created a draft listing. Carries subject ids only,
 * no personal data. JSON Schema: {@code docs/events/catalog/AssetCreated.v1.schema.json}.
 */
public record AssetCreated(UUID assetId, String ownerId, String kind, String name, List<String> tags, String state,
        OffsetDateTime createdAt) {

    public static final String NAME = "AssetCreated";

    public static AssetCreated of(Asset a) {
        return new AssetCreated(a.id(), a.ownerId(), a.kind().name(), a.name(), a.tags(), a.state().name(),
                a.createdAt());
    }
}
