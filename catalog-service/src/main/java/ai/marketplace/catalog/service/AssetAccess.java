package ai.marketplace.catalog.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.catalog.domain.Asset;
import ai.marketplace.catalog.repository.AssetReads;
import ai.marketplace.catalog.repository.AssetRepository;
import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Who may see and change an asset. Another owner's draft does not exist for you (404, so existence does not
 * leak); another owner's public asset is visible but not yours to change (403).
 */
@ApplicationScoped
public class AssetAccess {

    @Inject AssetRepository assets;
    @Inject AssetReads reads;

    /**
     * The asset as {@code viewer} may read it, without an entity or a session: from {@link AssetReads}, so from
     * memory when the asset cache holds it. For reads only; a change loads the entity ({@link #forOwner}).
     */
    public Uni<Asset> readable(UUID id, String viewer) {
        return reads.visible(id, viewer).map(asset -> {
            if (asset == null) {
                throw new NotFound("Asset", id);
            }
            return asset;
        });
    }

    public Uni<Asset> forViewer(UUID id, String viewer) {
        return assets.findById(id).map(a -> {
            if (a == null || !a.isVisibleTo(viewer)) {
                throw ProblemException.notFound("Asset", id);
            }
            return a;
        });
    }

    public Uni<Asset> forOwner(UUID id, String caller) {
        return forViewer(id, caller).map(a -> {
            if (!a.isOwnedBy(caller)) {
                throw ProblemException.forbidden("Only the asset's owner may change it");
            }
            return a;
        });
    }
}
