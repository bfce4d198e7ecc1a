package ai.marketplace.reputation.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A provider as reputation sees it. Counters here would double on a replayed event: the inbox prevents that. */
@Entity
@Table(name = "provider_profile")
public class ProviderProfile {

    @Id
    @Column(name = "provider_id")
    private String providerId;

    @Column(name = "asset_count", nullable = false)
    private int assetCount;

    @Column(name = "first_seen_at", nullable = false)
    private OffsetDateTime firstSeenAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected ProviderProfile() {
    }

    public static ProviderProfile firstSeen(String providerId) {
        var p = new ProviderProfile();
        p.providerId = providerId;
        p.firstSeenAt = OffsetDateTime.now(ZoneOffset.UTC);
        p.updatedAt = p.firstSeenAt;
        return p;
    }

    public void assetListed() {
        assetCount++;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String providerId() {
        return providerId;
    }

    public int assetCount() {
        return assetCount;
    }

    public OffsetDateTime firstSeenAt() {
        return firstSeenAt;
    }
}
