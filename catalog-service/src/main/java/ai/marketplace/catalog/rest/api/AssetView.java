package ai.marketplace.catalog.rest.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.marketplace.catalog.domain.Asset;

public record AssetView(UUID id, String ownerId, String kind, String name, String summary, String task,
        String licence, List<String> tags, String state, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static AssetView of(Asset a) {
        return new AssetView(a.id(), a.ownerId(), a.kind().name(), a.name(), a.summary(), a.task(), a.licence(),
                a.tags(), a.state().name(), a.version(), a.createdAt(), a.updatedAt());
    }
}
