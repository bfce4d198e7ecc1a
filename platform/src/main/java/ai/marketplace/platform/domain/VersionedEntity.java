package ai.marketplace.platform.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * The columns every changeable aggregate row carries: an optimistic version (the ETag clients send back in
 * {@code If-Match}; Hibernate refuses a write over a newer one) and when it was created and last changed. The aggregate
 * sets the times in its own domain methods.
 */
@MappedSuperclass
public abstract class VersionedEntity {

    @Version
    protected long version;

    protected OffsetDateTime createdAt;

    protected OffsetDateTime updatedAt;

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
