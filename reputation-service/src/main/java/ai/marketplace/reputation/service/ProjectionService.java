package ai.marketplace.reputation.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.reputation.domain.AssetProjection;
import ai.marketplace.reputation.domain.ProviderProfile;
import ai.marketplace.reputation.repository.AssetProjectionRepository;
import ai.marketplace.reputation.repository.ProviderProfileRepository;
import ai.marketplace.reputation.repository.ReputationStore;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Applies other services' facts to reputation's projections and recomputes the scores they feed; runs inside the
 * consumer's inbox transaction. Counters count a fact once even when it arrives again under a new event id.
 */
@ApplicationScoped
public class ProjectionService {

    private final AssetProjectionRepository assets;
    private final ProviderProfileRepository providers;
    private final ReputationStore store;
    private final ScoreService scores;

    public ProjectionService(AssetProjectionRepository assets, ProviderProfileRepository providers, ReputationStore store,
            ScoreService scores) {
        this.assets = assets;
        this.providers = providers;
        this.store = store;
        this.scores = scores;
    }

    /**
     * Not idempotent on its own (it counts): the inbox guarantees one application per event. The same asset
     * under a second event id would violate the primary key and go to the dead-letter topic, visibly.
     */
    @WithTransaction
    public Uni<Void> assetCreated(UUID assetId, String ownerId, String kind, String name, OffsetDateTime createdAt) {
        return assets.persist(AssetProjection.learned(assetId, ownerId, kind, name, createdAt))
                .chain(() -> providers.findById(ownerId))
                .chain(profile -> {
                    if (profile == null) {
                        ProviderProfile fresh = ProviderProfile.firstSeen(ownerId);
                        fresh.assetListed();
                        return providers.persist(fresh).replaceWithVoid();
                    }
                    profile.assetListed();
                    return Uni.createFrom().voidItem();
                });
    }

    @WithTransaction
    public Uni<Void> versionPublished(UUID version, UUID asset, String owner, String digest, OffsetDateTime at) {
        return store.versionPublished(version, asset, owner, digest, at);
    }

    @WithTransaction
    public Uni<Void> licenceGranted(UUID order, UUID licence, String holder, String seller, UUID asset, BigDecimal amount,
            OffsetDateTime at) {
        return store.licenceGranted(order, licence, holder, seller, asset, amount, at);
    }

    @WithTransaction
    public Uni<Void> licenceRevoked(UUID order) {
        return store.licenceRevoked(order);
    }

    @WithTransaction
    public Uni<Void> leaseRequested(UUID lease, String renter, String provider) {
        return store.leaseRequested(lease, renter, provider);
    }

    /** A finished lease counts for its provider's reliability: completed, failed by the provider, or unresponsive. */
    @WithTransaction
    public Uni<Void> leaseEnded(UUID lease, String renter, String provider, String state, String reason, BigDecimal used) {
        return store.leaseEnded(lease, renter, provider, state, reason, used).chain(changed -> {
            if (!changed || state.equals("CANCELLED") || state.equals("EXPIRED")) {
                return Uni.createFrom().voidItem();
            }
            String column = state.equals("COMPLETED") ? "leases_completed"
                    : "PROVIDER_UNRESPONSIVE".equals(reason) ? "leases_unresponsive" : "leases_failed";
            return store.count(provider, column, BigDecimal.ZERO).chain(() -> scores.provider(provider));
        });
    }

    /** The payer paid: it counts for the payer's score and for the weight of their reviews. */
    @WithTransaction
    public Uni<Void> paymentCaptured(UUID hold, String payer, BigDecimal paid) {
        return store.firstTime("captured:" + hold).chain(first -> !first ? Uni.createFrom().voidItem()
                : store.count(payer, "payments_captured", paid).chain(() -> scores.payer(payer)));
    }

    @WithTransaction
    public Uni<Void> paymentFailed(String type, UUID correlation, String payer) {
        return store.firstTime("failed:" + type + ":" + correlation).chain(first -> !first ? Uni.createFrom().voidItem()
                : store.count(payer, "payments_failed", BigDecimal.ZERO).chain(() -> scores.payer(payer)));
    }

    @WithTransaction
    public Uni<Void> stakeLocked(UUID stake, String validator, BigDecimal amount) {
        return store.stakeLocked(stake, validator, amount);
    }

    @WithTransaction
    public Uni<Void> stakeReleased(UUID stake) {
        return store.stakeReleased(stake);
    }
}
