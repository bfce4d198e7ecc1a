package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.VersionedEntity;

/** A provider's public profile, keyed by their subject id. */
@Entity
@Table(name = "publisher")
public class Publisher extends VersionedEntity {

    @Id
    private String ownerId;

    private String displayName;

    private String description;

    private String website;

    private String payoutAddress;




    protected Publisher() {
    }

    public static Publisher create(String ownerId) {
        var p = new Publisher();
        p.ownerId = ownerId;
        p.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return p;
    }

    /** Payout addresses are stored lower-case: the checksum casing is presentation, not identity. */
    public void describe(String displayName, String description, String website, String payoutAddress) {
        this.displayName = displayName;
        this.description = description == null ? "" : description;
        this.website = website;
        this.payoutAddress = payoutAddress == null ? null : payoutAddress.toLowerCase(java.util.Locale.ROOT);
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String ownerId() {
        return ownerId;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public String website() {
        return website;
    }

    public String payoutAddress() {
        return payoutAddress;
    }



}
