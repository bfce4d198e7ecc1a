package ai.marketplace.reputation.events;

import java.math.BigDecimal;
import java.util.UUID;

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
}
