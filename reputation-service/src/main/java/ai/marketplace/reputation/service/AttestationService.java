package ai.marketplace.reputation.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.config.ReputationConfig;
import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.Consensus;
import ai.marketplace.reputation.domain.Consensus.Claim;
import ai.marketplace.reputation.domain.Decision;
import ai.marketplace.reputation.domain.Validator;
import ai.marketplace.reputation.events.ReputationEvents.AssetAttestationDisputed;
import ai.marketplace.reputation.events.ReputationEvents.AssetVerified;
import ai.marketplace.reputation.repository.AttestationRepository;
import ai.marketplace.reputation.repository.ProjectionRepository;
import ai.marketplace.reputation.repository.ValidatorRepository;
import io.smallrye.mutiny.Uni;

/**
 * Validators attest to asset versions with the stake they locked in settlement; each attestation re-runs the
 * version's consensus, and once a quorum of effective stake agrees the version is VERIFIED or DISPUTED, the
 * outcome is published, and every validator that attested gains or loses weight for later rounds.
 */
@ApplicationScoped
public class AttestationService {

    private final ValidatorRepository validators;
    private final AttestationRepository attestations;
    private final ProjectionRepository projections;
    private final ScoreService scores;
    private final Outbox outbox;
    private final Transactions transactions;
    private final ReputationConfig config;

    public AttestationService(ValidatorRepository validators, AttestationRepository attestations,
            ProjectionRepository projections, ScoreService scores, Outbox outbox, Transactions transactions,
            ReputationConfig config) {
        this.validators = validators;
        this.attestations = attestations;
        this.projections = projections;
        this.scores = scores;
        this.outbox = outbox;
        this.transactions = transactions;
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

    public Uni<Round> attest(String validatorId, Claimed r) {
        return transactions.run(tx -> validators.find(tx, validatorId).chain(v -> {
            if (v == null || v.stake().signum() == 0) {
                throw ProblemException.forbidden("Attesting needs stake: lock some with POST /v1/stakes in settlement first");
            }
            return projections.lockVersion(tx, r.versionId()).chain(version -> {
                if (version == null) {
                    throw ProblemException.notFound("Asset version", r.versionId());
                }
                if (version.owner().equals(validatorId)) {
                    throw ProblemException.forbidden("Validators cannot attest to their own assets");
                }
                return attestations.decision(tx, r.versionId()).chain(decided -> {
                    if (decided != null) {
                        throw ProblemException.conflict("version-decided", "Consensus on this version has been reached");
                    }
                    BigDecimal effective = v.stake().multiply(Consensus.weight(v.agreements(), v.disagreements()),
                            MathContext.DECIMAL64);
                    return attestations.insert(tx, UUID.randomUUID(), validatorId, r.versionId(), r.digestMatches(),
                            r.metricName(), r.metricValue(), effective);
                }).chain(inserted -> {
                    if (!inserted) {
                        throw ProblemException.conflict("already-attested", "You already attested to this version");
                    }
                    return attestations.ofVersion(tx, r.versionId());
                }).chain(all -> decide(tx, version, all)).chain(() -> round(tx, r.versionId()));
            });
        }));
    }

    private Uni<Void> decide(Tx tx, ProjectionRepository.Version version, List<Attestation> all) {
        List<Claim> claims = all.stream().map(a -> new Claim(a.validator(), a.stakeWeight(), a.digestMatches(), a.metric())).toList();
        var c = config.consensus();
        Consensus.Outcome o = Consensus.decide(claims, c.quorumStake(), c.agreement(), c.metricTolerance());
        if (!o.decided()) {
            return Uni.createFrom().voidItem();
        }
        String assetKey = version.asset().toString();
        return attestations.decide(tx, version.version(), version.asset(), o.verified() ? "VERIFIED" : "DISPUTED", o.consensusMetric(),
                o.stakeFor(), o.stakeAgainst())
                .chain(() -> validators.agreement(tx, o.agreed(), true))
                .chain(() -> validators.agreement(tx, o.disagreed(), false))
                .chain(() -> o.verified()
                        ? outbox.append(tx, "Asset", assetKey, AssetVerified.NAME, new AssetVerified(version.asset(),
                                version.version(), o.consensusMetric(), o.stakeFor(), o.stakeAgainst()))
                        : outbox.append(tx, "Asset", assetKey, AssetAttestationDisputed.NAME, new AssetAttestationDisputed(
                                version.asset(), version.version(), o.stakeFor(), o.stakeAgainst())))
                .chain(() -> scores.asset(tx, version.asset()));
    }

    public Uni<Round> view(UUID versionId) {
        return transactions.read(tx -> round(tx, versionId));
    }

    private Uni<Round> round(Tx tx, UUID versionId) {
        return attestations.ofVersion(tx, versionId)
                .chain(all -> attestations.decision(tx, versionId).map(d -> new Round(versionId, d, all)));
    }

    public Uni<List<Weighted>> validators() {
        return transactions.read(tx -> validators.top(tx, 100)).map(list -> list.stream().map(v -> {
            BigDecimal w = Consensus.weight(v.agreements(), v.disagreements());
            return new Weighted(v, w, v.stake().multiply(w, MathContext.DECIMAL64));
        }).toList());
    }
}
