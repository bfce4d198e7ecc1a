package ai.marketplace.reputation.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.reputation.repository.AssetProjectionRepository;
import ai.marketplace.reputation.repository.ProviderProfileRepository;
import ai.marketplace.reputation.rest.api.AssetReputationView;
import ai.marketplace.reputation.rest.api.ProviderReputationView;
import ai.marketplace.reputation.rest.api.ReviewApi.ScoreView;
import ai.marketplace.reputation.repository.ReputationStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReputationQueries {

    private final AssetProjectionRepository assets;
    private final ProviderProfileRepository providers;
    private final ReputationStore store;
    private final ObjectMapper mapper;

    public ReputationQueries(AssetProjectionRepository assets, ProviderProfileRepository providers, ReputationStore store,
            ObjectMapper mapper) {
        this.assets = assets;
        this.providers = providers;
        this.store = store;
        this.mapper = mapper;
    }

    @WithSession
    public Uni<ScoreView> score(String type, String subject) {
        return store.score(type, subject).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("Score of " + type.toLowerCase(java.util.Locale.ROOT), subject);
            }
            Object components;
            try {
                components = mapper.readTree(s.components());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return new ScoreView(type, subject, s.score(), s.published(), components, s.updatedAt());
        });
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
