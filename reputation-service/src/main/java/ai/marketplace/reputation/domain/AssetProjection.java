package ai.marketplace.reputation.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What reputation knows about a catalog asset, learned from catalog events. */
@Entity
@Table(name = "asset_projection")
public class AssetProjection {

    @Id
    @Column(name = "asset_id")
    private UUID assetId;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected AssetProjection() {
    }

    public static AssetProjection learned(UUID assetId, String ownerId, String kind, String name,
            OffsetDateTime createdAt) {
        var p = new AssetProjection();
        p.assetId = assetId;
        p.ownerId = ownerId;
        p.kind = kind;
        p.name = name;
        p.createdAt = createdAt;
        p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return p;
    }

    public UUID assetId() {
        return assetId;
    }

    public String ownerId() {
        return ownerId;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
