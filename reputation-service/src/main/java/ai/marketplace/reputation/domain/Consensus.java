package ai.marketplace.reputation.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Stake-weighted consensus over validators' attestations of one asset version, in the spirit of Bittensor's Yuma
 * consensus: a round is decided only when enough distinct validators and a share of all active stake have attested;
 * the digest verdict needs a super-majority of the attested effective stake; metric claims are clipped to a band
 * around the stake-weighted median before they are averaged, so a colluding minority cannot drag the consensus
 * value; and every validator is told whether it agreed, which drives its weight in later rounds and whether it is
 * slashed.
 */
public final class Consensus {

    private static final MathContext MC = MathContext.DECIMAL64;

    /** One validator's claim, with its effective stake (stake × weight). */
    public record Claim(String validatorId, BigDecimal stake, boolean digestMatches, BigDecimal metric) {
    }

    public record Outcome(boolean decided, boolean verified, BigDecimal stakeFor, BigDecimal stakeAgainst,
            BigDecimal consensusMetric, List<String> agreed, List<String> disagreed) {
    }

    /**
     * {@code quorumStake}: effective stake that must have attested; {@code minimumValidators}: distinct validators
     * that must have; {@code agreement}: the share of attested stake a verdict needs; {@code tolerance}: the relative
     * band around the median metric inside which a claim agrees.
     */
    public record Rules(BigDecimal quorumStake, int minimumValidators, BigDecimal agreement, BigDecimal tolerance) {
    }

    private Consensus() {
    }

    public static Outcome decide(List<Claim> claims, Rules rules) {
        BigDecimal agreement = rules.agreement();
        BigDecimal tolerance = rules.tolerance();
        BigDecimal quorumStake = rules.quorumStake();
        BigDecimal yes = BigDecimal.ZERO;
        BigDecimal no = BigDecimal.ZERO;
        for (Claim c : claims) {
            if (c.digestMatches()) {
                yes = yes.add(c.stake());
            } else {
                no = no.add(c.stake());
            }
        }
        BigDecimal total = yes.add(no);
        long distinct = claims.stream().filter(c -> c.stake().signum() > 0).map(Claim::validatorId).distinct().count();
        if (distinct < rules.minimumValidators() || total.compareTo(quorumStake) < 0 || total.signum() == 0) {
            return new Outcome(false, false, yes, no, null, List.of(), List.of());
        }
        boolean verified = yes.divide(total, MC).compareTo(agreement) >= 0;
        boolean disputed = no.divide(total, MC).compareTo(agreement) >= 0;
        if (!verified && !disputed) {
            return new Outcome(false, false, yes, no, null, List.of(), List.of());
        }
        List<Claim> withMetric = claims.stream().filter(c -> c.metric() != null && c.digestMatches() == verified).toList();
        Optional<BigDecimal> median = weightedMedian(withMetric);
        BigDecimal consensus = median.map(m -> clippedMean(withMetric, m, tolerance)).orElse(null);
        List<String> agreed = new ArrayList<>();
        List<String> disagreed = new ArrayList<>();
        for (Claim c : claims) {
            boolean ok = c.digestMatches() == verified
                    && (c.metric() == null || median.isEmpty() || within(c.metric(), median.get(), tolerance));
            (ok ? agreed : disagreed).add(c.validatorId());
        }
        return new Outcome(true, verified, yes, no, consensus, agreed, disagreed);
    }

    /**
     * What a validator outside consensus loses of one stake: {@code fraction} of what is left of it, rounded down to
     * whole base units, so a slash never takes more than the stake holds.
     */
    public static BigInteger slash(BigInteger remaining, BigDecimal fraction) {
        if (remaining.signum() <= 0 || fraction.signum() <= 0) {
            return BigInteger.ZERO;
        }
        return new BigDecimal(remaining).multiply(fraction.min(BigDecimal.ONE)).toBigInteger();
    }

    /** The smallest claim at which the cumulative stake reaches half of the total. */
    static Optional<BigDecimal> weightedMedian(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        List<Claim> sorted = claims.stream().sorted(Comparator.comparing(Claim::metric)).toList();
        BigDecimal half = sorted.stream().map(Claim::stake).reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.TWO, MC);
        BigDecimal running = BigDecimal.ZERO;
        for (Claim c : sorted) {
            running = running.add(c.stake());
            if (running.compareTo(half) >= 0) {
                return Optional.of(c.metric());
            }
        }
        return Optional.of(sorted.get(sorted.size() - 1).metric());
    }

    static BigDecimal clippedMean(List<Claim> claims, BigDecimal median, BigDecimal tolerance) {
        BigDecimal band = median.abs().multiply(tolerance, MC);
        BigDecimal low = median.subtract(band);
        BigDecimal high = median.add(band);
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal stake = BigDecimal.ZERO;
        for (Claim c : claims) {
            BigDecimal clipped = c.metric().max(low).min(high);
            weighted = weighted.add(clipped.multiply(c.stake(), MC));
            stake = stake.add(c.stake());
        }
        return weighted.divide(stake, MC);
    }

    static boolean within(BigDecimal value, BigDecimal median, BigDecimal tolerance) {
        return value.subtract(median).abs().compareTo(median.abs().multiply(tolerance, MC)) <= 0;
    }

    /** Laplace-smoothed agreement rate (agreements + 1) / (rounds + 2): ½ for a new validator, → 0 for one that keeps disagreeing. */
    public static BigDecimal weight(int agreements, int disagreements) {
        return BigDecimal.valueOf(agreements + 1L).divide(BigDecimal.valueOf(agreements + disagreements + 2L), MC);
    }
}
