package ai.marketplace.reputation.service;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.config.ReputationConfig;
import ai.marketplace.reputation.domain.Scoring;
import ai.marketplace.reputation.events.ReputationEvents.AssetScoreChanged;
import ai.marketplace.reputation.events.ReputationEvents.PayerScoreChanged;
import ai.marketplace.reputation.events.ReputationEvents.ProviderScoreChanged;
import ai.marketplace.reputation.repository.AttestationRepository;
import ai.marketplace.reputation.repository.PartyRepository;
import ai.marketplace.reputation.repository.ReviewRepository;
import ai.marketplace.reputation.repository.ScoreRepository;
import io.smallrye.mutiny.Uni;

/**
 * Recomputes a subject's score from its inputs, in the caller's transaction, and publishes it when it moved by at
 * least {@code publish-step} since it was last published (or was never published).
 */
@ApplicationScoped
public class ScoreService {

    @Inject ReviewRepository reviews;
    @Inject AttestationRepository attestations;
    @Inject PartyRepository parties;
    @Inject ScoreRepository scores;
    @Inject ReputationConfig config;
    @Inject Outbox outbox;
    @Inject ObjectMapper mapper;

    public Uni<Void> asset(Tx tx, UUID asset) {
        return reviews.ratings(tx, "ASSET", asset.toString()).chain(ratings -> attestations.verified(tx, asset).chain(verified -> {
            BigDecimal rating = Scoring.unit(Scoring.bayesianRating(ratings, config.ratingPriorMean(), config.ratingPriorWeight()));
            BigDecimal score = Scoring.blend(config.assetVerificationWeight(), verified ? BigDecimal.ONE : BigDecimal.ZERO, rating);
            BigDecimal reviewWeight = ratings.stream().map(Scoring.Rating::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("rating", rating);
            c.put("reviews", ratings.size());
            c.put("reviewWeight", Scoring.round(reviewWeight));
            c.put("verified", verified);
            c.put("explanation", Scoring.explainAsset(config.assetVerificationWeight(), verified, ratings.size(), reviewWeight,
                    config.ratingPriorWeight(), config.ratingPriorMean()));
            return save(tx, "ASSET", asset.toString(), score, c, () -> outbox.append(tx, "Asset", asset.toString(), AssetScoreChanged.NAME,
                    new AssetScoreChanged(asset, score, rating, ratings.size(), verified)));
        }));
    }

    public Uni<Void> provider(Tx tx, String provider) {
        return parties.party(tx, provider).chain(p -> reviews.ratings(tx, "PROVIDER", provider).chain(ratings -> {
            BigDecimal reliability = Scoring.reliability(p.completed(), p.failed(), p.unresponsive(),
                    config.reliabilityPriorSuccesses(), config.reliabilityPriorFailures());
            BigDecimal rating = Scoring.unit(Scoring.bayesianRating(ratings, config.ratingPriorMean(), config.ratingPriorWeight()));
            BigDecimal score = Scoring.blend(config.providerReliabilityWeight(), reliability, rating);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("reliability", reliability);
            c.put("leasesCompleted", p.completed());
            c.put("leasesFailed", p.failed());
            c.put("leasesUnresponsive", p.unresponsive());
            c.put("rating", rating);
            c.put("reviews", ratings.size());
            return save(tx, "PROVIDER", provider, score, c, () -> outbox.append(tx, "Provider", provider, ProviderScoreChanged.NAME,
                    new ProviderScoreChanged(provider, score, reliability, rating, ratings.size())));
        }));
    }

    public Uni<Void> payer(Tx tx, String payer) {
        return parties.party(tx, payer).chain(p -> {
            BigDecimal score = Scoring.payer(p.captured(), p.paymentsFailed());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("paymentsCaptured", p.captured());
            c.put("paymentsFailed", p.paymentsFailed());
            return save(tx, "PAYER", payer, score, c, () -> outbox.append(tx, "Payer", payer, PayerScoreChanged.NAME,
                    new PayerScoreChanged(payer, score, p.captured(), p.paymentsFailed())));
        });
    }

    private Uni<Void> save(Tx tx, String type, String subject, BigDecimal score, Map<String, Object> components,
            java.util.function.Supplier<Uni<UUID>> publish) {
        String json;
        try {
            json = mapper.writeValueAsString(components);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return scores.find(tx, type, subject).chain(previous -> {
            BigDecimal published = previous == null ? null : previous.published();
            boolean moved = published == null || score.subtract(published).abs().compareTo(config.publishStep()) >= 0;
            return scores.save(tx, type, subject, score, moved ? score : published, json)
                    .chain(() -> moved ? publish.get().replaceWithVoid() : Uni.createFrom().voidItem());
        });
    }
}
