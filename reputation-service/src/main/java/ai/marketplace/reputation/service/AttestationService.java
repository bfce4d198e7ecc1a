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
import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.Consensus;
import ai.marketplace.reputation.domain.Consensus.Claim;
import ai.marketplace.reputation.domain.Decision;
import ai.marketplace.reputation.domain.Validator;
import ai.marketplace.reputation.events.ReputationEvents.AssetAttestationDisputed;
import ai.marketplace.reputation.events.ReputationEvents.AssetVerified;
import ai.marketplace.reputation.repository.ReputationStore;
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

    /** An asset version's attestations so far and the consensus on it, if one was reached (else null). */
    public record Round(UUID versionId, Decision decision, List<Attestation> attestations) {
    }

    /** A validator with the weight its agreement record gives its stake. */
    public record Weighted(Validator validator, BigDecimal weight, BigDecimal effectiveStake) {
    }

    /** A validator's claim; {@code metricName}/{@code metricValue} only for a reproduced metric. */
    public record Claimed(UUID versionId, boolean digestMatches, String metricName, BigDecimal metricValue) {
    }

    @WithTransaction
    public Uni<Round> attest(String validatorId, Claimed r) {
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

    private Uni<Void> decide(ReputationStore.Version version, List<Attestation> all) {
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
    public Uni<Round> view(UUID versionId) {
        return store.attestations(versionId).chain(all -> store.decision(versionId).map(d -> new Round(versionId, d, all)));
    }

    @WithSession
    public Uni<List<Weighted>> validators() {
        return store.validators(100).map(list -> list.stream().map(v -> {
            BigDecimal w = Consensus.weight(v.agreements(), v.disagreements());
            return new Weighted(v, w, v.stake().multiply(w, MathContext.DECIMAL64));
        }).toList());
    }
}
