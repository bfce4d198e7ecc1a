package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An AI asset listed by a provider. State changes are domain facts, not setters. */
@Entity
@Table(name = "asset")
public class Asset {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AssetKind kind;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String summary;

    private String task;

    private String licence;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] tags;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AssetState state;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Asset() {
        // for Hibernate
    }

    /** A provider starts a listing: it is a private draft until published. */
    public static Asset draft(String ownerId, AssetKind kind, String name, String summary, String task, String licence,
            List<String> tags) {
        var a = new Asset();
        a.id = UUID.randomUUID();
        a.ownerId = ownerId;
        a.kind = kind;
        a.name = name;
        a.summary = summary == null ? "" : summary;
        a.task = task;
        a.licence = licence;
        a.tags = tags == null ? new String[0] : tags.stream().distinct().toArray(String[]::new);
        a.state = AssetState.DRAFT;
        a.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        a.updatedAt = a.createdAt;
        return a;
    }

    public boolean isOwnedBy(String subject) {
        return ownerId.equals(subject);
    }

    /** Drafts are visible to their owner only. */
    public boolean isVisibleTo(String subject) {
        return state != AssetState.DRAFT || isOwnedBy(subject);
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

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
