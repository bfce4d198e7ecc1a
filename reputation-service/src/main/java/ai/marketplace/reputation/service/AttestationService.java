package ai.marketplace.reputation.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.outbox.Outbox;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.reputation.config.ReputationConfig;
import ai.marketplace.reputation.domain.Attestation;
import ai.marketplace.reputation.domain.AttestationRound;
import ai.marketplace.reputation.domain.Consensus;
import ai.marketplace.reputation.domain.Consensus.Claim;
import ai.marketplace.reputation.domain.Decision;
import ai.marketplace.reputation.domain.Validator;
import ai.marketplace.reputation.domain.RoundOutcome;
import ai.marketplace.reputation.events.ReputationEvents.AssetAttestationDisputed;
import ai.marketplace.reputation.events.ReputationEvents.AttestationRoundClosed;
import ai.marketplace.reputation.events.ReputationEvents.AttestationSubmitted;
import ai.marketplace.reputation.events.ReputationEvents.Penalty;
import ai.marketplace.reputation.events.ReputationEvents.ValidatorPenalised;
import ai.marketplace.reputation.events.ReputationEvents.AssetVerified;
import ai.marketplace.reputation.repository.AttestationRepository;
import ai.marketplace.reputation.repository.ProjectionRepository;
import ai.marketplace.reputation.repository.ValidatorRepository;
import io.smallrye.mutiny.Uni;

/**
 * Validators attest to asset versions with the stake they locked in settlement. A version's round opens with its
 * first attestation and stays open for the configured window, so the first staker cannot decide it alone; after
 * that it is decided as soon as enough distinct validators and a share of all active stake agree, counting each
 * attester's stake as it is at decision time (a released or slashed stake stops counting). The outcome is
 * published, every attester gains or loses weight, validators outside the consensus are slashed, and settlement is
 * told the round closed so their stakes may be released again. A round that never reaches a quorum closes
 * NO_QUORUM at its expiry.
 */
@ApplicationScoped
public class AttestationService {

    @Inject ValidatorRepository validators;
    @Inject AttestationRepository attestations;
    @Inject ProjectionRepository projections;
    @Inject ScoreService scores;
    @Inject Outbox outbox;
    @Inject Transactions transactions;
    @Inject ReputationConfig config;

    /** An asset version's round: its attestations so far, the decision if one was reached, and its timing. */
    public record Round(UUID versionId, AttestationRound round, Decision decision, List<Attestation> attestations) {

        /** PENDING while open, else how it closed. */
        public String outcome() {
            return round == null || round.open() ? "PENDING" : round.outcome().name();
        }
    }

    /** A validator with the weight its agreement record gives its stake. */
    public record Weighted(Validator validator, BigDecimal weight, BigDecimal effectiveStake) {
    }

    /** A validator's claim; {@code metricName}/{@code metricValue} only for a reproduced metric. */
    public record Claimed(UUID versionId, boolean digestMatches, String metricName, BigDecimal metricValue) {
    }

    /** The stake, in base units, below which a validator may not attest and its claims do not count. */
    BigDecimal minimumStake() {
        return config.consensus().minimumStake().multiply(config.consensus().tokenUnit());
    }

    public Uni<Round> attest(String validatorId, Claimed r) {
        var c = config.consensus();
        return transactions.run(tx -> validators.find(tx, validatorId).chain(v -> {
            if (v == null || v.stake().signum() == 0) {
                throw ProblemException.forbidden("Attesting needs stake: lock some with POST /v1/stakes in settlement first");
            }
            if (v.stake().compareTo(minimumStake()) < 0) {
                throw ProblemException.forbidden("Attesting needs at least " + c.minimumStake().toPlainString()
                        + " tokens of stake; " + v.stake().toPlainString() + " base units are locked");
            }
            return projections.lockVersion(tx, r.versionId()).chain(version -> {
                if (version == null) {
                    throw ProblemException.notFound("Asset version", r.versionId());
                }
                if (version.owner().equals(validatorId)) {
                    throw ProblemException.forbidden("Validators cannot attest to their own assets");
                }
                return attestations.openRound(tx, version.version(), version.asset(), c.window(), c.expiry()).chain(round -> {
                    if (!round.open()) {
                        throw ProblemException.conflict("version-decided", "The round on this version has closed ("
                                + round.outcome() + ")");
                    }
                    BigDecimal effective = v.stake().multiply(Consensus.weight(v.agreements(), v.disagreements()),
                            MathContext.DECIMAL64);
                    return attestations.insert(tx, UUID.randomUUID(), validatorId, r.versionId(), r.digestMatches(),
                            r.metricName(), r.metricValue(), effective).chain(inserted -> {
                                if (!inserted) {
                                    throw ProblemException.conflict("already-attested", "You already attested to this version");
                                }
                                return outbox.append(tx, "AssetVersion", version.version().toString(), AttestationSubmitted.NAME,
                                        new AttestationSubmitted(version.version(), version.asset(), validatorId));
                            }).chain(() -> settle(tx, version, round, OffsetDateTime.now(ZoneOffset.UTC)));
                }).chain(() -> round(tx, r.versionId()));
            });
        }));
    }

    /**
     * Decides the round if its window has passed and the rules are met, or closes it NO_QUORUM once it has
     * expired; otherwise leaves it open. Runs under the version's lock.
     */
    private Uni<Void> settle(Tx tx, ProjectionRepository.Version version, AttestationRound round, OffsetDateTime now) {
        var c = config.consensus();
        if (round == null || !round.open() || now.isBefore(round.decideAfter())) {
            return Uni.createFrom().voidItem();
        }
        BigDecimal minimum = minimumStake();
        return attestations.currentClaims(tx, version.version()).chain(current -> validators.activeEffectiveStake(tx, minimum)
                .chain(active -> {
                    List<Claim> claims = current.stream()
                            .filter(a -> a.stake().compareTo(minimum) >= 0 && a.stake().signum() > 0)
                            .map(a -> new Claim(a.validator(), a.stake().multiply(Consensus.weight(a.agreements(),
                                    a.disagreements()), MathContext.DECIMAL64), a.digestMatches(), a.metric()))
                            .toList();
                    Consensus.Outcome o = Consensus.decide(claims, new Consensus.Rules(
                            active.multiply(c.quorumFraction(), MathContext.DECIMAL64), c.minimumValidators(),
                            c.agreement(), c.metricTolerance()));
                    List<String> attesters = current.stream().map(AttestationRepository.CurrentClaim::validator).toList();
                    if (o.decided()) {
                        return decided(tx, version, o, attesters);
                    }
                    if (!now.isBefore(round.expiresAt())) {
                        return close(tx, version, RoundOutcome.NO_QUORUM, attesters);
                    }
                    return attestations.recheckAtExpiry(tx, version.version());
                }));
    }

    private Uni<Void> decided(Tx tx, ProjectionRepository.Version version, Consensus.Outcome o, List<String> attesters) {
        String assetKey = version.asset().toString();
        RoundOutcome outcome = o.verified() ? RoundOutcome.VERIFIED : RoundOutcome.DISPUTED;
        return attestations.decide(tx, version.version(), version.asset(), outcome.name(), o.consensusMetric(),
                o.stakeFor(), o.stakeAgainst())
                .chain(() -> validators.agreement(tx, o.agreed(), true))
                .chain(() -> validators.agreement(tx, o.disagreed(), false))
                .chain(() -> o.verified()
                        ? outbox.append(tx, "Asset", assetKey, AssetVerified.NAME, new AssetVerified(version.asset(),
                                version.version(), o.consensusMetric(), o.stakeFor(), o.stakeAgainst()))
                        : outbox.append(tx, "Asset", assetKey, AssetAttestationDisputed.NAME, new AssetAttestationDisputed(
                                version.asset(), version.version(), o.stakeFor(), o.stakeAgainst())))
                .chain(() -> penalise(tx, version.version(), o.disagreed()))
                .chain(() -> close(tx, version, outcome, attesters))
                .chain(() -> scores.asset(tx, version.asset()));
    }

    /** Each validator outside the consensus loses the slash fraction of each of its stakes (settlement moves it). */
    private Uni<Void> penalise(Tx tx, UUID version, List<String> outliers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String validator : outliers) {
            chain = chain.chain(() -> validators.activeStakes(tx, validator).chain(stakes -> {
                List<Penalty> penalties = stakes.stream()
                        .map(s -> new Penalty(s.stakeId(), new Amount(Consensus.slash(s.remaining().toBigIntegerExact(),
                                config.consensus().slashFraction()))))
                        .filter(p -> !p.amount().isZero())
                        .toList();
                return penalties.isEmpty() ? Uni.createFrom().voidItem()
                        : outbox.append(tx, "Validator", validator, ValidatorPenalised.NAME,
                                new ValidatorPenalised(validator, version, penalties)).replaceWithVoid();
            }));
        }
        return chain;
    }

    private Uni<Void> close(Tx tx, ProjectionRepository.Version version, RoundOutcome outcome, List<String> attesters) {
        return attestations.closeRound(tx, version.version(), outcome)
                .chain(() -> outbox.append(tx, "AssetVersion", version.version().toString(), AttestationRoundClosed.NAME,
                        new AttestationRoundClosed(version.version(), version.asset(), outcome, attesters)))
                .replaceWithVoid();
    }

    /** Rounds whose window has passed without a new attestation to decide them: decided, expired or left open. */
    public Uni<Integer> settleDueRounds(OffsetDateTime now, int limit) {
        return transactions.read(tx -> attestations.dueRounds(tx, limit)).chain(due -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (UUID id : due) {
                chain = chain.chain(n -> transactions.run(tx -> projections.lockVersion(tx, id)
                        .chain(version -> version == null ? Uni.createFrom().voidItem() : attestations.round(tx, id)
                                .chain(round -> settle(tx, version, round, now))))
                        .replaceWith(n + 1));
            }
            return chain;
        });
    }

    public Uni<Round> view(UUID versionId) {
        return transactions.read(tx -> round(tx, versionId));
    }

    private Uni<Round> round(Tx tx, UUID versionId) {
        return attestations.ofVersion(tx, versionId)
                .chain(all -> attestations.decision(tx, versionId)
                        .chain(d -> attestations.round(tx, versionId).map(round -> new Round(versionId, round, d, all))));
    }

    public Uni<List<Weighted>> validators() {
        return transactions.read(tx -> validators.top(tx, 100)).map(list -> list.stream().map(v -> {
            BigDecimal w = Consensus.weight(v.agreements(), v.disagreements());
            return new Weighted(v, w, v.stake().multiply(w, MathContext.DECIMAL64));
        }).toList());
    }
}
