package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import ai.marketplace.platform.domain.DomainException.Conflict;
import ai.marketplace.platform.domain.DomainException.InvalidInput;
import ai.marketplace.platform.domain.VersionedEntity;

/** An AI asset listed by a provider. State changes are domain facts, not setters. */
@Entity
@Table(name = "asset")
public class Asset extends VersionedEntity {

    @Id
    private UUID id;

    private String ownerId;

    @Enumerated(EnumType.STRING)
    private AssetKind kind;

    private String name;

    private String summary;

    private String task;

    private String licence;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] tags;

    @Enumerated(EnumType.STRING)
    private AssetState state;

    private String description;

    private String modality;

    private String licenceText;

    @Convert(converter = JsonColumns.Links.class)
    private List<Link> links;

    private UUID successorId;

    private OffsetDateTime publishedAt;

    private String delistedReason;




    protected Asset() {
        // for Hibernate
    }

    /** A provider starts a listing: it is a private draft until published. */
    public static Asset draft(String ownerId, AssetKind kind, AssetDetails details) {
        var a = new Asset();
        a.id = UUID.randomUUID();
        a.ownerId = ownerId;
        a.kind = kind;
        a.apply(details);
        a.state = AssetState.DRAFT;
        a.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        a.updatedAt = a.createdAt;
        return a;
    }

    /**
     * The asset as a row read without the ORM holds it (the hot read path): a value to look at, never persisted
     * from here. {@code delistedReason} is not read on that path.
     */
    public static Asset restore(UUID id, String ownerId, AssetKind kind, AssetDetails details, AssetState state,
            UUID successorId, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime publishedAt) {
        var a = new Asset();
        a.id = id;
        a.ownerId = ownerId;
        a.kind = kind;
        a.name = details.name();
        a.summary = details.summary();
        a.description = details.description();
        a.task = details.task();
        a.modality = details.modality();
        a.licence = details.licence();
        a.licenceText = details.licenceText();
        a.tags = details.tags().toArray(String[]::new);
        a.links = details.links();
        a.state = state;
        a.successorId = successorId;
        a.version = version;
        a.createdAt = createdAt;
        a.updatedAt = updatedAt;
        a.publishedAt = publishedAt;
        return a;
    }

    /** The owner rewrites the listing's text; delisted and deprecated listings are frozen. */
    public void revise(AssetDetails details) {
        ensureEditable();
        apply(details);
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Delisted and deprecated listings are frozen: no ETag can make a change to them succeed. */
    public void ensureEditable() {
        if (state == AssetState.DELISTED || state == AssetState.DEPRECATED) {
            throw new Conflict("asset-frozen", "A " + state + " asset can no longer be changed");
        }
    }

    private void apply(AssetDetails d) {
        name = d.name();
        summary = d.summary() == null ? "" : d.summary();
        description = d.description() == null ? "" : d.description();
        task = d.task();
        modality = d.modality();
        licence = d.licence();
        licenceText = d.licenceText();
        tags = d.tags() == null ? new String[0] : d.tags().stream().distinct().toArray(String[]::new);
        links = d.links() == null ? List.of() : List.copyOf(d.links());
    }

    /**
     * Goes on sale. The caller has checked that a published version and an active plan exist; the listing
     * itself must name its licence.
     */
    public void publish() {
        if (state != AssetState.DRAFT) {
            throw new Conflict("asset-not-draft", "Only a DRAFT asset can be published; this one is " + state);
        }
        if (licence == null && licenceText == null) {
            throw new Conflict("asset-not-publishable", "Name a licence (SPDX id or custom text) before publishing");
        }
        state = AssetState.PUBLISHED;
        publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        updatedAt = publishedAt;
    }

    /** Still visible and licensed to existing buyers, but no longer recommended; may point to its successor. */
    public void deprecate(UUID successor) {
        if (state != AssetState.PUBLISHED) {
            throw new Conflict("asset-not-published", "Only a PUBLISHED asset can be deprecated; this one is " + state);
        }
        if (id.equals(successor)) {
            throw new InvalidInput("body.successorAssetId", "must be another asset");
        }
        state = AssetState.DEPRECATED;
        successorId = successor;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Taken off the marketplace, by its owner or by an operator. */
    public void delist(String reason) {
        if (state == AssetState.DELISTED) {
            throw new Conflict("asset-delisted", "The asset is already delisted");
        }
        state = AssetState.DELISTED;
        delistedReason = reason;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Whether others may build on it (reference its versions, buy it). */
    public boolean isPublic() {
        return state == AssetState.PUBLISHED || state == AssetState.DEPRECATED;
    }

    public boolean isOwnedBy(String subject) {
        return ownerId.equals(subject);
    }

    /** Drafts are visible to their owner only. */
    public boolean isVisibleTo(String subject) {
        return isVisible(state, ownerId, subject);
    }

    /** Drafts are their owner's alone; everything else is public. Also used by reads that load no entity. */
    public static boolean isVisible(AssetState state, String ownerId, String subject) {
        return state != AssetState.DRAFT || ownerId.equals(subject);
    }

    public UUID id() {
        return id;
    }

    public String ownerId() {
        return ownerId;
    }

    public AssetKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    public String task() {
        return task;
    }

    public String licence() {
        return licence;
    }

    public List<String> tags() {
        return List.of(tags);
    }

    public AssetState state() {
        return state;
    }

    public String description() {
        return description;
    }

    public String modality() {
        return modality;
    }

    public String licenceText() {
        return licenceText;
    }

    public List<Link> links() {
        return links;
    }

    public UUID successorId() {
        return successorId;
    }

    public OffsetDateTime publishedAt() {
        return publishedAt;
    }

    public String delistedReason() {
        return delistedReason;
    }



}
