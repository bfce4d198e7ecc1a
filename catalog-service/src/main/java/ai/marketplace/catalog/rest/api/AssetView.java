package ai.marketplace.catalog.rest.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.Link;

public record AssetView(UUID id, String ownerId, String kind, String name, String summary, String description,
        String task, String modality, String licence, String licenceText, List<String> tags, List<Link> links,
        String state, UUID successorAssetId, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        OffsetDateTime publishedAt) {

    public static AssetView of(Asset a) {
        return new AssetView(a.id(), a.ownerId(), a.kind().name(), a.name(), a.summary(), a.description(), a.task(),
                a.modality(), a.licence(), a.licenceText(), a.tags(), a.links(), a.state().name(), a.successorId(),
                a.version(), a.createdAt(), a.updatedAt(), a.publishedAt());
    }
}
