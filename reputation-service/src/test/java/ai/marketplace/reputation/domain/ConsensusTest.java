package ai.marketplace.reputation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.marketplace.reputation.domain.Consensus.Claim;

class ConsensusTest {

    static final BigDecimal QUORUM = BigDecimal.valueOf(1000);
    static final BigDecimal AGREEMENT = new BigDecimal("0.66");
    static final BigDecimal TOLERANCE = new BigDecimal("0.05");
    static final Consensus.Rules RULES = new Consensus.Rules(QUORUM, 1, AGREEMENT, TOLERANCE);

    static Claim claim(String v, long stake, boolean matches, String metric) {
        return new Claim(v, BigDecimal.valueOf(stake), matches, metric == null ? null : new BigDecimal(metric));
    }

    @Test
    void anHonestMajorityVerifiesAndAColludingMinorityIsClippedAndMarkedDisagreeing() {
        List<Claim> claims = List.of(
                claim("h1", 400, true, "0.91"), claim("h2", 300, true, "0.90"), claim("h3", 200, true, "0.92"),
                claim("c1", 150, true, "0.99"), claim("c2", 100, false, "0.50"));
        Consensus.Outcome o = Consensus.decide(claims, RULES);
        assertThat(o.decided()).isTrue();
        assertThat(o.verified()).isTrue();
        assertThat(o.stakeFor()).isEqualByComparingTo("1050");
        assertThat(o.stakeAgainst()).isEqualByComparingTo("100");
        // The inflated 0.99 is clipped to median + 5 % (0.91 × 1.05 = 0.9555) before averaging.
        assertThat(o.consensusMetric().doubleValue()).isBetween(0.905, 0.925);
        assertThat(o.agreed()).containsExactlyInAnyOrder("h1", "h2", "h3");
        assertThat(o.disagreed()).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void noDecisionBelowQuorumOrWithoutASuperMajority() {
        assertThat(Consensus.decide(List.of(claim("a", 500, true, null)), RULES).decided()).isFalse();
        Consensus.Outcome split = Consensus.decide(List.of(claim("a", 600, true, null), claim("b", 500, false, null)),
                RULES);
        assertThat(split.decided()).isFalse();
        Consensus.Outcome disputed = Consensus.decide(List.of(claim("a", 900, false, null), claim("b", 200, true, null)),
                RULES);
        assertThat(disputed.decided()).isTrue();
        assertThat(disputed.verified()).isFalse();
        assertThat(disputed.disagreed()).containsExactly("b");
    }

    @Test
    void aValidatorWhoKeepsDisagreeingLosesWeight() {
        assertThat(Consensus.weight(0, 0)).isEqualByComparingTo("0.5");
        assertThat(Consensus.weight(8, 0)).isEqualByComparingTo("0.9");
        assertThat(Consensus.weight(0, 8).doubleValue()).isLessThan(0.11);
        assertThat(Consensus.weight(1, 3)).isLessThan(Consensus.weight(1, 2));
    }

    @Test
    void fewerDistinctValidatorsThanTheMinimumDecideNothingWhateverTheirStake() {
        Consensus.Rules three = new Consensus.Rules(QUORUM, 3, AGREEMENT, TOLERANCE);
        List<Claim> two = List.of(claim("whale", 1_000_000, true, null), claim("other", 1_000_000, true, null));
        assertThat(Consensus.decide(two, three).decided()).isFalse();
        // A validator whose stake no longer counts (released) is no validator.
        List<Claim> withEmpty = List.of(claim("whale", 1_000_000, true, null), claim("other", 1_000_000, true, null),
                claim("released", 0, true, null));
        assertThat(Consensus.decide(withEmpty, three).decided()).isFalse();
        List<Claim> enough = List.of(claim("whale", 1_000_000, true, null), claim("other", 1_000_000, true, null),
                claim("third", 1, true, null));
        assertThat(Consensus.decide(enough, three).verified()).isTrue();
    }

    @Test
    void aSlashTakesTheFractionOfWhatIsLeftRoundedDownAndNeverMoreThanTheStake() {
        assertThat(Consensus.slash(java.math.BigInteger.valueOf(1005), new BigDecimal("0.1"))).isEqualTo(100);
        assertThat(Consensus.slash(java.math.BigInteger.valueOf(9), new BigDecimal("0.1"))).isZero();
        assertThat(Consensus.slash(java.math.BigInteger.TEN.pow(24), new BigDecimal("0.1"))).isEqualTo(java.math.BigInteger.TEN.pow(23));
        assertThat(Consensus.slash(java.math.BigInteger.valueOf(50), new BigDecimal("3"))).isEqualTo(50);
        assertThat(Consensus.slash(java.math.BigInteger.ZERO, new BigDecimal("0.1"))).isZero();
    }
}
