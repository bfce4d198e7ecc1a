package ai.marketplace.reputation.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.domain.AssetProjection;
import ai.marketplace.reputation.repository.PartyRepository;
import ai.marketplace.reputation.repository.PartyRepository.Counter;
import ai.marketplace.reputation.repository.ProjectionRepository;
import ai.marketplace.reputation.repository.ValidatorRepository;
import io.smallrye.mutiny.Uni;

/**
 * Applies other services' facts to reputation's projections and recomputes the scores they feed, in the consumer's
 * inbox transaction ({@code tx}). Counters count a fact once even when it arrives again under a new event id.
 */
@ApplicationScoped
public class ProjectionService {

    @Inject ProjectionRepository projections;
    @Inject PartyRepository parties;
    @Inject ValidatorRepository validators;
    @Inject ScoreService scores;

    /**
     * Not idempotent on its own (it counts): the inbox guarantees one application per event. The same asset
     * under a second event id would violate the primary key and go to the dead-letter topic, visibly.
     */
    public Uni<Void> assetCreated(Tx tx, UUID assetId, String ownerId, String kind, String name, OffsetDateTime createdAt) {
        return projections.assetCreated(tx, new AssetProjection(assetId, ownerId, kind, name, createdAt))
                .chain(() -> projections.assetListed(tx, ownerId));
    }

    public Uni<Void> versionPublished(Tx tx, UUID version, UUID asset, String owner, String digest, OffsetDateTime at) {
        return projections.versionPublished(tx, version, asset, owner, digest, at);
    }

    public Uni<Void> licenceGranted(Tx tx, UUID order, UUID licence, String holder, String seller, UUID asset,
            BigDecimal amount, OffsetDateTime at) {
        return projections.licenceGranted(tx, order, licence, holder, seller, asset, amount, at);
    }

    public Uni<Void> licenceRevoked(Tx tx, UUID order) {
        return projections.licenceRevoked(tx, order);
    }

    public Uni<Void> leaseRequested(Tx tx, UUID lease, String renter, String provider) {
        return projections.leaseRequested(tx, lease, renter, provider);
    }

    /**
     * A finished lease counts for its provider's reliability: completed, failed by the provider, or unresponsive.
     * A completed lease counts only when something ran on it (used amount above zero), and a lease between a
     * provider and itself never counts: neither can be had for free to raise a score.
     */
    public Uni<Void> leaseEnded(Tx tx, UUID lease, String renter, String provider, String state, String reason,
            BigDecimal used) {
        return projections.leaseEnded(tx, lease, renter, provider, state, reason, used).chain(changed -> {
            if (!changed || state.equals("CANCELLED") || state.equals("EXPIRED") || renter.equals(provider)
                    || (state.equals("COMPLETED") && (used == null || used.signum() <= 0))) {
                return Uni.createFrom().voidItem();
            }
            Counter counter = state.equals("COMPLETED") ? Counter.LEASES_COMPLETED
                    : "PROVIDER_UNRESPONSIVE".equals(reason) ? Counter.LEASES_UNRESPONSIVE : Counter.LEASES_FAILED;
            return parties.count(tx, provider, counter, BigDecimal.ZERO).chain(() -> scores.provider(tx, provider));
        });
    }

    /** The payer paid: it counts for the payer's score and for the weight of their reviews. */
    public Uni<Void> paymentCaptured(Tx tx, UUID hold, String payer, BigDecimal paid) {
        if (paid.signum() <= 0) {
            return Uni.createFrom().voidItem(); // nothing was paid: nothing to count
        }
        return projections.firstTime(tx, "captured:" + hold).chain(first -> !first ? Uni.createFrom().voidItem()
                : parties.count(tx, payer, Counter.PAYMENTS_CAPTURED, paid).chain(() -> scores.payer(tx, payer)));
    }

    public Uni<Void> paymentFailed(Tx tx, String type, UUID correlation, String payer) {
        return projections.firstTime(tx, "failed:" + type + ":" + correlation).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : parties.count(tx, payer, Counter.PAYMENTS_FAILED, BigDecimal.ZERO).chain(() -> scores.payer(tx, payer)));
    }

    public Uni<Void> stakeLocked(Tx tx, UUID stake, String validator, BigDecimal amount) {
        return validators.stakeLocked(tx, stake, validator, amount);
    }

    public Uni<Void> stakeReleased(Tx tx, UUID stake) {
        return validators.stakeReleased(tx, stake);
    }

    public Uni<Void> stakeSlashed(Tx tx, UUID stake, BigDecimal amount) {
        return validators.stakeSlashed(tx, stake, amount);
    }
}
