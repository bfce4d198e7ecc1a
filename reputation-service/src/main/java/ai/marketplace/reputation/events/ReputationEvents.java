package ai.marketplace.reputation.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.reputation.domain.RoundOutcome;

/** Events on {@code marketplace.reputation.v1}; scores are decimals in [0, 1]. */
public final class ReputationEvents {

    private ReputationEvents() {
    }

    /** Key: the asset id. Consumed by catalog's search ranking. */
    public record AssetScoreChanged(UUID assetId, BigDecimal score, BigDecimal rating, long reviews, boolean verified) {
        public static final String NAME = "AssetScoreChanged";
    }

    /** Key: the provider id. Consumed by compute's offer ranking. */
    public record ProviderScoreChanged(String providerId, BigDecimal score, BigDecimal reliability, BigDecimal rating,
            long reviews) {
        public static final String NAME = "ProviderScoreChanged";
    }

    /** Key: the payer id. */
    public record PayerScoreChanged(String payerId, BigDecimal score, long paymentsCaptured, long paymentsFailed) {
        public static final String NAME = "PayerScoreChanged";
    }

    /** Key: the asset id. A quorum of validators' stake agrees the version's artifact matches its published digest. */
    public record AssetVerified(UUID assetId, UUID versionId, BigDecimal consensusMetric, BigDecimal stakeFor,
            BigDecimal stakeAgainst) {
        public static final String NAME = "AssetVerified";
    }

    /** Key: the asset id. A quorum of validators' stake says the artifact does not match its digest. */
    public record AssetAttestationDisputed(UUID assetId, UUID versionId, BigDecimal stakeFor, BigDecimal stakeAgainst) {
        public static final String NAME = "AssetAttestationDisputed";
    }

    /**
     * Key: the version id. A validator put its stake behind a claim about the version; settlement keeps that stake
     * from being released until the round closes.
     */
    public record AttestationSubmitted(UUID versionId, UUID assetId, String validatorId) {
        public static final String NAME = "AttestationSubmitted";
    }

    /** Key: the version id. The round closed; every validator that attested may release its stake again. */
    public record AttestationRoundClosed(UUID versionId, UUID assetId, RoundOutcome outcome, List<String> validators) {
        public static final String NAME = "AttestationRoundClosed";
    }

    /**
     * Key: the validator id. The validator's claim fell outside the consensus of the round; settlement moves each
     * listed amount from that stake to the insurance account and answers with StakeSlashed.
     */
    public record ValidatorPenalised(String validatorId, UUID versionId, List<Penalty> stakes) {
        public static final String NAME = "ValidatorPenalised";
    }

    public record Penalty(UUID stakeId, Amount amount) {
    }
}
