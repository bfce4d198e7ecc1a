package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.DomainException.Conflict;

/** One release of an asset's artifact, identified by its digest. Immutable once published. */
@Entity
@Table(name = "asset_version")
public class AssetVersion {

    @Id
    private UUID id;

    private UUID assetId;

    private String semver;

    private String digest;

    private String cid;

    private long sizeBytes;

    private String storageUri;

    private String format;

    @Convert(converter = JsonColumns.Metrics.class)
    private List<Metric> metrics;

    @Enumerated(EnumType.STRING)
    private VersionState state;

    private OffsetDateTime createdAt;

    private OffsetDateTime publishedAt;

    protected AssetVersion() {
    }

    public static AssetVersion draft(UUID assetId, String semver, String digest, String cid, long sizeBytes,
            String storageUri, String format, List<Metric> metrics) {
        var v = new AssetVersion();
        v.id = UUID.randomUUID();
        v.assetId = assetId;
        v.semver = semver;
        v.digest = digest;
        v.cid = cid;
        v.sizeBytes = sizeBytes;
        v.storageUri = storageUri;
        v.format = format;
        v.metrics = metrics == null ? List.of() : List.copyOf(metrics);
        v.state = VersionState.DRAFT;
        v.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return v;
    }

    /** From now on the digest, the artifact and the lineage are fixed. */
    public void publish() {
        if (state == VersionState.PUBLISHED) {
            throw new Conflict("version-published", "Version " + semver + " is already published");
        }
        state = VersionState.PUBLISHED;
        publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public boolean isPublished() {
        return state == VersionState.PUBLISHED;
    }

    public UUID id() {
        return id;
    }

    public UUID assetId() {
        return assetId;
    }

    public String semver() {
        return semver;
    }

    public String digest() {
        return digest;
    }

    public String cid() {
        return cid;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String storageUri() {
        return storageUri;
    }

    public String format() {
        return format;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public VersionState state() {
        return state;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime publishedAt() {
        return publishedAt;
    }
}
