package ai.marketplace.catalog.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.domain.AssetVersion;
import ai.marketplace.catalog.domain.PricingPlan;
import ai.marketplace.platform.money.Amount;

/**
 * Data of the catalog's events besides {@link AssetCreated}; type {@code ai.marketplace.catalog.<Name>.v1}.
 * Subject ids only, no personal data. Schemas: {@code docs/events/catalog/}.
 */
public final class CatalogEvents {

    private CatalogEvents() {
    }

    public record AssetUpdated(UUID assetId, String ownerId, String kind, String name, List<String> tags, String task,
            String licence, String state, long version, OffsetDateTime updatedAt) {
        public static final String NAME = "AssetUpdated";

        public static AssetUpdated of(Asset a) {
            return new AssetUpdated(a.id(), a.ownerId(), a.kind().name(), a.name(), a.tags(), a.task(), a.licence(),
                    a.state().name(), a.version(), a.updatedAt());
        }
    }

    public record AssetPublished(UUID assetId, String ownerId, String kind, String name, List<String> tags,
            String task, String licence, OffsetDateTime publishedAt) {
        public static final String NAME = "AssetPublished";

        public static AssetPublished of(Asset a) {
            return new AssetPublished(a.id(), a.ownerId(), a.kind().name(), a.name(), a.tags(), a.task(), a.licence(),
                    a.publishedAt());
        }
    }

    public record AssetDeprecated(UUID assetId, String ownerId, UUID successorAssetId, OffsetDateTime deprecatedAt) {
        public static final String NAME = "AssetDeprecated";

        public static AssetDeprecated of(Asset a) {
            return new AssetDeprecated(a.id(), a.ownerId(), a.successorId(), a.updatedAt());
        }
    }

    public record AssetDelisted(UUID assetId, String ownerId, String reason, boolean byOperator,
            OffsetDateTime delistedAt) {
        public static final String NAME = "AssetDelisted";

        public static AssetDelisted of(Asset a, boolean byOperator) {
            return new AssetDelisted(a.id(), a.ownerId(), a.delistedReason(), byOperator, a.updatedAt());
        }
    }

    /** Carries the digest and storage location: validators check the artifact against it. */
    public record AssetVersionPublished(UUID assetId, UUID versionId, String ownerId, String semver, String digest,
            String cid, long sizeBytes, String storageUri, List<UUID> derivedFrom, List<UUID> trainedOn,
            OffsetDateTime publishedAt) {
        public static final String NAME = "AssetVersionPublished";

        public static AssetVersionPublished of(AssetVersion v, String ownerId, List<UUID> derivedFrom,
                List<UUID> trainedOn) {
            return new AssetVersionPublished(v.assetId(), v.id(), ownerId, v.semver(), v.digest(), v.cid(),
                    v.sizeBytes(), v.storageUri(), derivedFrom, trainedOn, v.publishedAt());
        }
    }

    public record PricingPlanCreated(UUID assetId, UUID planId, String type, Amount price, String unit,
            Integer periodDays, UUID replacesPlanId, OffsetDateTime createdAt) {
        public static final String NAME = "PricingPlanCreated";

        public static PricingPlanCreated of(PricingPlan p) {
            return new PricingPlanCreated(p.assetId(), p.id(), p.type().name(), p.price(), p.unit(), p.periodDays(),
                    p.replacesId(), p.createdAt());
        }
    }

    public record PricingPlanArchived(UUID assetId, UUID planId, OffsetDateTime archivedAt) {
        public static final String NAME = "PricingPlanArchived";

        public static PricingPlanArchived of(PricingPlan p) {
            return new PricingPlanArchived(p.assetId(), p.id(), p.archivedAt());
        }
    }
}
