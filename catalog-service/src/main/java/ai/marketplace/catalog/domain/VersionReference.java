package ai.marketplace.catalog.domain;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An edge of the lineage graph: {@code versionId} was derived from, or trained on, {@code parentId}. */
@Entity
@Table(name = "version_reference")
@IdClass(VersionReference.Key.class)
public class VersionReference {

    public enum Relation {
        DERIVED_FROM,
        TRAINED_ON
    }

    @Id
    private UUID versionId;

    @Id
    private UUID parentId;

    @Id
    @Enumerated(EnumType.STRING)
    private Relation relation;

    protected VersionReference() {
    }

    public VersionReference(UUID versionId, UUID parentId, Relation relation) {
        this.versionId = versionId;
        this.parentId = parentId;
        this.relation = relation;
    }

    public UUID versionId() {
        return versionId;
    }

    public UUID parentId() {
        return parentId;
    }

    public Relation relation() {
        return relation;
    }

    public static class Key implements Serializable {
        public UUID versionId;
        public UUID parentId;
        public Relation relation;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(versionId, k.versionId)
                    && java.util.Objects.equals(parentId, k.parentId) && relation == k.relation;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(versionId, parentId, relation);
        }
    }
}
