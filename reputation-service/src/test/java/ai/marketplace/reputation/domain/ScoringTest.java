package ai.marketplace.reputation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.marketplace.reputation.domain.Scoring.Rating;

class ScoringTest {

    static final BigDecimal M = new BigDecimal("3.0");
    static final BigDecimal C = BigDecimal.valueOf(5);

    @Test
    void fewReviewsBarelyMoveTheBayesianAverageManyDo() {
        assertThat(Scoring.bayesianRating(List.of(), M, C)).isEqualByComparingTo("3");
        BigDecimal one = Scoring.bayesianRating(List.of(new Rating(5, BigDecimal.ONE)), M, C);
        assertThat(one.doubleValue()).isBetween(3.3, 3.4); // (5·3 + 5) / 6
        List<Rating> many = java.util.Collections.nCopies(95, new Rating(5, BigDecimal.ONE));
        assertThat(Scoring.bayesianRating(many, M, C).doubleValue()).isBetween(4.89, 4.91);
        // A sybil with no spend (weight 0.2) counts a fifth of a paying reviewer.
        BigDecimal cheap = Scoring.bayesianRating(List.of(new Rating(1, new BigDecimal("0.2"))), M, C);
        BigDecimal paid = Scoring.bayesianRating(List.of(new Rating(1, BigDecimal.ONE)), M, C);
        assertThat(cheap).isGreaterThan(paid);
    }

    @Test
    void twoGoodLeasesDoNotMakeAPerfectRecord() {
        BigDecimal a = BigDecimal.valueOf(2);
        assertThat(Scoring.reliability(2, 0, 0, a, a)).isEqualByComparingTo("0.6667");
        assertThat(Scoring.reliability(200, 0, 0, a, a).doubleValue()).isGreaterThan(0.99);
        assertThat(Scoring.reliability(5, 0, 5, a, a)).isEqualByComparingTo("0.5");
        assertThat(Scoring.payer(0, 0)).isEqualByComparingTo("0.5");
    }

    @Test
    void reviewerWeightGrowsWithSpendAndBurstsAreDampened() {
        BigDecimal full = BigDecimal.valueOf(10_000_000);
        BigDecimal d = new BigDecimal("0.25");
        assertThat(Scoring.reviewerWeight(BigDecimal.ZERO, full, false, d)).isEqualByComparingTo("0.2");
        assertThat(Scoring.reviewerWeight(BigDecimal.valueOf(5_000_000), full, false, d)).isEqualByComparingTo("0.6");
        assertThat(Scoring.reviewerWeight(BigDecimal.valueOf(50_000_000), full, false, d)).isEqualByComparingTo("1");
        assertThat(Scoring.reviewerWeight(BigDecimal.ZERO, full, true, d)).isEqualByComparingTo("0.05");
    }
}
