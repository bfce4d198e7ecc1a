package ai.marketplace.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.catalog.domain.AssetVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AssetVersionRepository implements PanacheRepositoryBase<AssetVersion, UUID> {

    public Uni<List<AssetVersion>> ofAsset(UUID assetId) {
        return list("assetId = :asset order by createdAt", Parameters.with("asset", assetId));
    }

    public Uni<Boolean> semverTaken(UUID assetId, String semver) {
        return count("assetId = :asset and semver = :semver", Parameters.with("asset", assetId).and("semver", semver))
                .map(n -> n > 0);
    }

    public Uni<Long> countPublished(UUID assetId) {
        return count("assetId = :asset and state = ai.marketplace.catalog.domain.VersionState.PUBLISHED",
                Parameters.with("asset", assetId));
    }
}
