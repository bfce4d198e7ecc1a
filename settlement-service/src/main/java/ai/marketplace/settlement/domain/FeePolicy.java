package ai.marketplace.settlement.domain;

import java.math.BigInteger;

/**
 * EIP-1559 fees for the service's transactions: room for the base fee to double before the transaction stops
 * fitting, and on each replacement both fees raised by the configured percentage (or to what the current base fee
 * needs, if that is more), never above the configured maximum per gas. {@code tip} and {@code cap} are in wei per
 * gas; {@code bumpPercent} is what each replacement adds.
 */
public record FeePolicy(BigInteger tip, BigInteger cap, int bumpPercent) {

    /** {@code previous}: the tip of the version being replaced, or null for a first signature. */
    public BigInteger priorityFee(BigInteger previous) {
        return (previous == null ? tip : tip.max(bump(previous))).min(cap);
    }

    /** {@code previous}: the maximum fee of the version being replaced, or null for a first signature. */
    public BigInteger maxFee(BigInteger baseFee, BigInteger previous) {
        BigInteger wanted = baseFee.shiftLeft(1).add(tip);
        if (previous != null) {
            wanted = wanted.max(bump(previous));
        }
        return wanted.min(cap);
    }

    private BigInteger bump(BigInteger fee) {
        // Round up, so that even a fee of 1 wei grows.
        return fee.multiply(BigInteger.valueOf(100L + bumpPercent)).add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100));
    }
}
