package ai.marketplace.reputation.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.reputation.domain.AssetProjection;
import ai.marketplace.reputation.domain.ProviderProfile;
import ai.marketplace.reputation.domain.Score;
import ai.marketplace.reputation.repository.AssetProjectionRepository;
import ai.marketplace.reputation.repository.ProviderProfileRepository;
import ai.marketplace.reputation.repository.ReputationStore;
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

    /** A subject's score with the components it was computed from, as the JSON they were stored as. */
    public record SubjectScore(String type, String subject, Score score, JsonNode components) {
    }

    @WithSession
    public Uni<SubjectScore> score(String type, String subject) {
        return store.score(type, subject).map(s -> {
            if (s == null) {
                throw new NotFound("Score of " + type.toLowerCase(java.util.Locale.ROOT), subject);
            }
            try {
                return new SubjectScore(type, subject, s, mapper.readTree(s.components()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @WithSession
    public Uni<AssetProjection> asset(UUID id) {
        return assets.findById(id).map(a -> {
            if (a == null) {
                throw new NotFound("Asset", id);
            }
            return a;
        });
    }

    @WithSession
    public Uni<ProviderProfile> provider(String providerId) {
        return providers.findById(providerId).map(p -> {
            if (p == null) {
                throw new NotFound("Provider", providerId);
            }
            return p;
        });
    }
}
