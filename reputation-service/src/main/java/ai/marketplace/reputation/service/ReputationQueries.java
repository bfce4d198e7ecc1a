package ai.marketplace.reputation.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.domain.DomainException.NotFound;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.reputation.domain.AssetProjection;
import ai.marketplace.reputation.domain.ProviderProfile;
import ai.marketplace.reputation.domain.Score;
import ai.marketplace.reputation.repository.ProjectionRepository;
import ai.marketplace.reputation.repository.ScoreRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReputationQueries {

    @Inject ProjectionRepository projections;
    @Inject ScoreRepository scores;
    @Inject Transactions transactions;
    @Inject ObjectMapper mapper;

    /** A subject's score with the components it was computed from, as the JSON they were stored as. */
    public record SubjectScore(String type, String subject, Score score, JsonNode components) {
    }

    public Uni<SubjectScore> score(String type, String subject) {
        return transactions.read(tx -> scores.find(tx, type, subject)).map(s -> {
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

    public Uni<AssetProjection> asset(UUID id) {
        return transactions.read(tx -> projections.asset(tx, id)).map(a -> {
            if (a == null) {
                throw new NotFound("Asset", id);
            }
            return a;
        });
    }

    public Uni<ProviderProfile> provider(String providerId) {
        return transactions.read(tx -> projections.provider(tx, providerId)).map(p -> {
            if (p == null) {
                throw new NotFound("Provider", providerId);
            }
            return p;
        });
    }
}
