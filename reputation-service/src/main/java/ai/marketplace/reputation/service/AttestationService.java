package ai.marketplace.reputation.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.config.ReputationConfig;
import ai.marketplace.reputation.domain.Consensus;
import ai.marketplace.reputation.domain.Consensus.Claim;
import ai.marketplace.reputation.events.ReputationEvents.AssetAttestationDisputed;
import ai.marketplace.reputation.events.ReputationEvents.AssetVerified;
import ai.marketplace.reputation.repository.ReputationStore;
import ai.marketplace.reputation.rest.api.ReviewApi.AttestationRequest;
import ai.marketplace.reputation.rest.api.ReviewApi.AttestationView;
import ai.marketplace.reputation.rest.api.ReviewApi.ValidatorView;
import ai.marketplace.reputation.rest.api.ReviewApi.VersionAttestations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Validators attest to asset versions with the stake they locked in settlement; each attestation re-runs the
 * version's consensus, and once a quorum of effective stake agrees the version is VERIFIED or DISPUTED, the
 * outcome is published, and every validator that attested gains or loses weight for later rounds.
 */
@ApplicationScoped
public class AttestationService {

    private final ReputationStore store;
    private final ScoreService scores;
    private final Outbox outbox;
    private final ReputationConfig config;

    public AttestationService(ReputationStore store, ScoreService scores, Outbox outbox, ReputationConfig config) {
        this.store = store;
        this.scores = scores;
        this.outbox = outbox;
        this.config = config;
    }

    @WithTransaction
    public Uni<VersionAttestations> attest(String validatorId, AttestationRequest r) {
        return store.validator(validatorId).chain(v -> {
            if (v == null || v.stake().signum() == 0) {
                throw ProblemException.forbidden("Attesting needs stake: lock some with POST /v1/stakes in settlement first");
            }
            return store.lockVersion(r.versionId()).chain(version -> {
                if (version == null) {
                    throw ProblemException.notFound("Asset version", r.versionId());
                }
                if (version.owner().equals(validatorId)) {
                    throw ProblemException.forbidden("Validators cannot attest to their own assets");
                }
                return store.decided(r.versionId()).chain(decided -> {
                    if (decided) {
                        throw ProblemException.conflict("version-decided", "Consensus on this version has been reached");
                    }
                    BigDecimal effective = v.stake().multiply(Consensus.weight(v.agreements(), v.disagreements()),
                            MathContext.DECIMAL64);
                    return store.insertAttestation(UUID.randomUUID(), validatorId, r.versionId(), r.digestMatches(),
                            r.metricName(), r.metricValue(), effective);
                }).chain(inserted -> {
                    if (!inserted) {
                        throw ProblemException.conflict("already-attested", "You already attested to this version");
                    }
                    return store.attestations(r.versionId());
                }).chain(all -> decide(version, all)).chain(() -> view(r.versionId()));
            });
        });
    }

    private Uni<Void> decide(ReputationStore.Version version, List<ReputationStore.Attestation> all) {
        List<Claim> claims = all.stream().map(a -> new Claim(a.validator(), a.stakeWeight(), a.digestMatches(), a.metric())).toList();
        var c = config.consensus();
        Consensus.Outcome o = Consensus.decide(claims, c.quorumStake(), c.agreement(), c.metricTolerance());
        if (!o.decided()) {
            return Uni.createFrom().voidItem();
        }
        String assetKey = version.asset().toString();
        return store.decide(version.version(), version.asset(), o.verified() ? "VERIFIED" : "DISPUTED", o.consensusMetric(),
                o.stakeFor(), o.stakeAgainst())
                .chain(() -> store.agreement(o.agreed(), true))
                .chain(() -> store.agreement(o.disagreed(), false))
                .chain(() -> o.verified()
                        ? outbox.append(Tx.session(), "Asset", assetKey, AssetVerified.NAME, new AssetVerified(version.asset(),
                                version.version(), o.consensusMetric(), o.stakeFor(), o.stakeAgainst()))
                        : outbox.append(Tx.session(), "Asset", assetKey, AssetAttestationDisputed.NAME, new AssetAttestationDisputed(
                                version.asset(), version.version(), o.stakeFor(), o.stakeAgainst())))
                .chain(() -> scores.asset(version.asset()));
    }

    @WithSession
    public Uni<VersionAttestations> view(UUID versionId) {
        return store.attestations(versionId).chain(all -> store.decision(versionId).map(d -> new VersionAttestations(versionId,
                d == null ? "PENDING" : d.outcome(), d == null ? null : d.metric(), d == null ? null : d.stakeFor(),
                d == null ? null : d.stakeAgainst(), all.stream().map(AttestationView::of).toList())));
    }

    @WithSession
    public Uni<List<ValidatorView>> validators() {
        return store.validators(100).map(list -> list.stream().map(v -> {
            BigDecimal w = Consensus.weight(v.agreements(), v.disagreements());
            return new ValidatorView(v.id(), v.stake().toPlainString(), v.agreements(), v.disagreements(), w,
                    v.stake().multiply(w, MathContext.DECIMAL64));
        }).toList());
    }
}
