package ai.marketplace.reputation.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.reputation.domain.AssetProjection;
import ai.marketplace.reputation.domain.ProviderProfile;
import ai.marketplace.reputation.messaging.CatalogAssetCreated;
import ai.marketplace.reputation.repository.AssetProjectionRepository;
import ai.marketplace.reputation.repository.ProviderProfileRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Applies catalog facts to reputation's projections; runs inside the consumer's inbox transaction. */
@ApplicationScoped
public class ProjectionService {

    private final AssetProjectionRepository assets;
    private final ProviderProfileRepository providers;

    public ProjectionService(AssetProjectionRepository assets, ProviderProfileRepository providers) {
        this.assets = assets;
        this.providers = providers;
    }

    /**
     * Not idempotent on its own (it counts): the inbox guarantees one application per event. The same asset
     * under a second event id would violate the primary key and go to the dead-letter topic, visibly.
     */
    @WithTransaction
    public Uni<Void> assetCreated(CatalogAssetCreated e) {
        return assets.persist(AssetProjection.learned(e.assetId(), e.ownerId(), e.kind(), e.name(), e.createdAt()))
                .chain(() -> providers.findById(e.ownerId()))
                .chain(profile -> {
                    if (profile == null) {
                        ProviderProfile fresh = ProviderProfile.firstSeen(e.ownerId());
                        fresh.assetListed();
                        return providers.persist(fresh).replaceWithVoid();
                    }
                    profile.assetListed();
                    return Uni.createFrom().voidItem();
                });
    }
}
