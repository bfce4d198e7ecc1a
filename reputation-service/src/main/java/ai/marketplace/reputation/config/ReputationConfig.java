package ai.marketplace.reputation.config;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every parameter of the scoring formulas (README: "Scores"). */
@ConfigMapping(prefix = "marketplace.reputation")
public interface ReputationConfig {

    /** Bayesian prior of ratings: m (the mean assumed before any review) … */
    @WithDefault("3.0")
    BigDecimal ratingPriorMean();

    /** … and C (how many full-weight reviews that prior is worth). */
    @WithDefault("5")
    BigDecimal ratingPriorWeight();

    /** Reliability = (completed + α) / (leases + α + β): α … */
    @WithDefault("2")
    BigDecimal reliabilityPriorSuccesses();

    /** … β. */
    @WithDefault("2")
    BigDecimal reliabilityPriorFailures();

    /** Provider score = w × reliability + (1 − w) × rating. */
    @WithDefault("0.6")
    BigDecimal providerReliabilityWeight();

    /** Asset score = (1 − v) × rating + v × verified. */
    @WithDefault("0.15")
    BigDecimal assetVerificationWeight();

    /** A score is published again only when it moved at least this much. */
    @WithDefault("0.01")
    BigDecimal publishStep();

    /** How long after writing it a review may be edited. */
    @WithDefault("14d")
    Duration reviewEditWindow();

    /** A reviewer's weight grows from 0.2 to 1 with what they paid, reaching 1 at this many base units. */
    @WithDefault("10000000")
    BigDecimal fullWeightSpend();

    /** More than this many reviews of one subject within burst-window from new accounts are dampened … */
    @WithDefault("3")
    int burstThreshold();

    @WithDefault("1h")
    Duration burstWindow();

    /** … accounts first seen less than this long ago count as new … */
    @WithDefault("7d")
    Duration newAccountAge();

    /** … and their reviews weigh this much of their normal weight. */
    @WithDefault("0.25")
    BigDecimal burstDampening();

    Consensus consensus();

    interface Consensus {
        /** Base units per whole token (the token has 18 decimals); the stake parameters below are in whole tokens. */
        @WithDefault("1000000000000000000")
        BigDecimal tokenUnit();

        /** Stake a validator needs to attest, and below which its claims do not count (whole tokens). */
        @WithDefault("100")
        BigDecimal minimumStake();

        /** Distinct validators that must have attested before a round can be decided. */
        @WithDefault("3")
        int minimumValidators();

        /** Share of all active validators' effective stake (stake × weight) that must have attested. */
        @WithDefault("0.33")
        BigDecimal quorumFraction();

        /** Share of the attested effective stake that must agree on the digest. */
        @WithDefault("0.66")
        BigDecimal agreement();

        /** Metric claims further than this (relative) from the stake-weighted median are clipped to it. */
        @WithDefault("0.05")
        BigDecimal metricTolerance();

        /** How long a round stays open for attestations after the first one before it may be decided. */
        @WithDefault("1h")
        Duration window();

        /** A round still without quorum this long after its first attestation closes undecided (NO_QUORUM). */
        @WithDefault("7d")
        Duration expiry();

        /** Share of each of its stakes a validator outside the consensus loses to the insurance account. */
        @WithDefault("0.1")
        BigDecimal slashFraction();

        /** How often rounds whose window has passed, or that have expired, are looked at (read by the scheduler). */
        @WithDefault("30s")
        Duration roundCheckInterval();
    }
}
