package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.VersionReference;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class VersionReferenceRepository implements PanacheRepositoryBase<VersionReference, VersionReference.Key> {

    public Uni<List<VersionReference>> ofVersions(List<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("versionId in :ids", Parameters.with("ids", versionIds));
    }
}
