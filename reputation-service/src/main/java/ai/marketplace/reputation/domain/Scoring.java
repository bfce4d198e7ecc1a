package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/** The scoring formulas (README "Scores"); all scores are in [0, 1], rounded to 4 decimals. */
public final class Scoring {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);

    public record Rating(int rating, BigDecimal weight) {
    }

    private Scoring() {
    }

    /** Bayesian average on the 1–5 scale: (C·m + Σ wᵢ·rᵢ) / (C + Σ wᵢ). */
    public static BigDecimal bayesianRating(List<Rating> ratings, BigDecimal priorMean, BigDecimal priorWeight) {
        BigDecimal num = priorWeight.multiply(priorMean, MC);
        BigDecimal den = priorWeight;
        for (Rating r : ratings) {
            num = num.add(r.weight().multiply(BigDecimal.valueOf(r.rating()), MC));
            den = den.add(r.weight());
        }
        return num.divide(den, MC);
    }

    /** 1–5 onto 0–1. */
    public static BigDecimal unit(BigDecimal rating) {
        return round(rating.subtract(BigDecimal.ONE).divide(FOUR, MC));
    }

    /** (completed + α) / (completed + failed + unresponsive + α + β): two good leases make 0.67, not 1. */
    public static BigDecimal reliability(long completed, long failed, long unresponsive, BigDecimal alpha, BigDecimal beta) {
        BigDecimal num = BigDecimal.valueOf(completed).add(alpha);
        BigDecimal den = BigDecimal.valueOf(completed + failed + unresponsive).add(alpha).add(beta);
        return round(num.divide(den, MC));
    }

    /** The same smoothing for payers: captured payments against failed ones. */
    public static BigDecimal payer(long captured, long failed) {
        return round(BigDecimal.valueOf(captured + 2).divide(BigDecimal.valueOf(captured + failed + 4), MC));
    }

    /** w × a + (1 − w) × b. */
    public static BigDecimal blend(BigDecimal w, BigDecimal a, BigDecimal b) {
        return round(w.multiply(a, MC).add(BigDecimal.ONE.subtract(w).multiply(b, MC)));
    }

    /**
     * A reviewer's weight: 0.2 for one who paid nothing, growing linearly to 1 at {@code fullWeightSpend}; times the
     * dampening factor when the review is part of a burst from new accounts.
     */
    public static BigDecimal reviewerWeight(BigDecimal spent, BigDecimal fullWeightSpend, boolean burst, BigDecimal dampening) {
        BigDecimal share = spent.divide(fullWeightSpend, MC).min(BigDecimal.ONE);
        BigDecimal w = new BigDecimal("0.2").add(new BigDecimal("0.8").multiply(share, MC));
        if (burst) {
            w = w.multiply(dampening, MC);
        }
        return w.max(new BigDecimal("0.0001")).setScale(4, RoundingMode.HALF_EVEN);
    }

    /** The asset score's formula in words, with its inputs: what the API answers when a score looks surprising. */
    public static String explainAsset(BigDecimal verificationWeight, boolean verified, int reviews, BigDecimal reviewWeight,
            BigDecimal priorWeight, BigDecimal priorMean) {
        return "score = " + plain(BigDecimal.ONE.subtract(verificationWeight)) + " × rating + " + plain(verificationWeight)
                + " × verified (" + (verified ? "1: validators verified its latest attested version" : "0 until validators verify a version")
                + "); rating = the 1–5 stars of " + reviews + " review(s) of total weight " + round(reviewWeight)
                + ", averaged with " + plain(priorWeight) + " prior review(s) of " + plain(priorMean)
                + " stars, mapped to 0–1 (3 stars = 0.5); a review weighs 0.2 to 1 by what its author spent";
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    public static BigDecimal round(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_EVEN);
    }
}
