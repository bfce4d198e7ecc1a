package ai.marketplace.catalog.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.marketplace.platform.domain.DomainException.Conflict;

/** Someone reports an asset; an operator dismisses the report or delists the asset. */
@Entity
@Table(name = "abuse_report")
public class AbuseReport {

    public enum Category {
        ILLEGAL_CONTENT,
        MALWARE,
        LICENCE_VIOLATION,
        MISLEADING,
        PRIVACY,
        OTHER
    }

    public enum State {
        OPEN,
        RESOLVED
    }

    public enum Resolution {
        DISMISSED,
        DELISTED
    }

    @Id
    private UUID id;

    private UUID assetId;

    private String reporterId;

    @Enumerated(EnumType.STRING)
    private Category category;

    private String details;

    @Enumerated(EnumType.STRING)
    private State state;

    @Enumerated(EnumType.STRING)
    private Resolution resolution;

    private String note;

    private String resolvedBy;

    private OffsetDateTime createdAt;

    private OffsetDateTime resolvedAt;

    protected AbuseReport() {
    }

    public static AbuseReport file(UUID assetId, String reporterId, Category category, String details) {
        var r = new AbuseReport();
        r.id = UUID.randomUUID();
        r.assetId = assetId;
        r.reporterId = reporterId;
        r.category = category;
        r.details = details == null ? "" : details;
        r.state = State.OPEN;
        r.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return r;
    }

    public void resolve(Resolution resolution, String note, String operator) {
        if (state == State.RESOLVED) {
            throw new Conflict("report-resolved", "The report is already resolved");
        }
        this.state = State.RESOLVED;
        this.resolution = resolution;
        this.note = note;
        this.resolvedBy = operator;
        this.resolvedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() {
        return id;
    }

    public UUID assetId() {
        return assetId;
    }

    public String reporterId() {
        return reporterId;
    }

    public Category category() {
        return category;
    }

    public String details() {
        return details;
    }

    public State state() {
        return state;
    }

    public Resolution resolution() {
        return resolution;
    }

    public String note() {
        return note;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime resolvedAt() {
        return resolvedAt;
    }
}
