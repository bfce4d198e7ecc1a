package ai.marketplace.reputation.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.reputation.repository.AssetProjectionRepository;
import ai.marketplace.reputation.repository.ProviderProfileRepository;
import ai.marketplace.reputation.rest.api.AssetReputationView;
import ai.marketplace.reputation.rest.api.ProviderReputationView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReputationQueries {

    private final AssetProjectionRepository assets;
    private final ProviderProfileRepository providers;

    public ReputationQueries(AssetProjectionRepository assets, ProviderProfileRepository providers) {
        this.assets = assets;
        this.providers = providers;
    }

    @WithSession
    public Uni<AssetReputationView> asset(UUID id) {
        return assets.findById(id).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("Asset", id);
            }
            return AssetReputationView.of(a);
        });
    }

    @WithSession
    public Uni<ProviderReputationView> provider(String providerId) {
        return providers.findById(providerId).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("Provider", providerId);
            }
            return ProviderReputationView.of(p);
        });
    }
}
