package ai.marketplace.platform.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the outbox. Written only by {@link Outbox}; read and marked by {@link OutboxRelay} with plain SQL. */
@Entity
@Table(name = "outbox")
public class OutboxRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public byte[] payload;

    @Column(name = "request_id")
    public String requestId;

    public String traceparent;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at", insertable = false, updatable = false)
    public OffsetDateTime publishedAt;

    @Column(insertable = false, updatable = false)
    public int attempts;

    @Column(name = "last_error", insertable = false, updatable = false)
    public String lastError;
}
