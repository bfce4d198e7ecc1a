package ai.marketplace.reputation.consumers;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Reputation's reading of {@code ai.marketplace.catalog.AssetCreated.v1}: only the fields it uses, and unknown
 * fields ignored, so catalog can add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogAssetCreated(UUID assetId, String ownerId, String kind, String name, OffsetDateTime createdAt) {

    public void validate() {
        if (assetId == null || ownerId == null || ownerId.isBlank() || kind == null || name == null
                || createdAt == null) {
            throw new ai.marketplace.platform.events.MalformedEventException(
                    "AssetCreated lacks assetId, ownerId, kind, name or createdAt");
        }
    }
}
