package ai.marketplace.platform.money;

import java.math.BigInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import ai.marketplace.platform.domain.DomainException;

/**
 * A non-negative amount of the marketplace token in base units (like wei). JSON carries it as a decimal
 * string, because JSON numbers lose precision above 2^53 in most clients. Arithmetic never rounds.
 */
public record Amount(BigInteger value) implements Comparable<Amount> {

    /** uint256 max: amounts must fit the ERC-20 token and NUMERIC(78,0). */
    public static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    public static final Amount ZERO = new Amount(BigInteger.ZERO);
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");

    public Amount {
        if (value == null) {
            throw new IllegalArgumentException("amount is required");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("amount exceeds 2^256-1 base units");
        }
    }

    /** Parses a decimal string of base units: digits only, no sign, exponent, fraction or leading zeros. */
    @JsonCreator
    public static Amount parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("amount must be a decimal string of base units, e.g. \"1500000\"");
        }
        return new Amount(new BigInteger(text));
    }

    public static Amount of(long value) {
        return new Amount(BigInteger.valueOf(value));
    }

    /** Refused as {@code amount-overflow} (422) when the sum leaves the 256-bit range a token can hold. */
    public Amount plus(Amount other) {
        return fitting(value.add(other.value));
    }

    /** Throws when the result would be negative: callers check balances before they subtract. */
    public Amount minus(Amount other) {
        return new Amount(value.subtract(other.value));
    }

    /** Refused as {@code amount-overflow} (422) when the product leaves the 256-bit range a token can hold. */
    public Amount times(long factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("factor must not be negative");
        }
        return fitting(value.multiply(BigInteger.valueOf(factor)));
    }

    private static Amount fitting(BigInteger v) {
        if (v.compareTo(MAX) > 0) {
            throw new DomainException.Unprocessable("amount-overflow", "Amount too large",
                    "the amount this would come to exceeds 2^256-1 base units, the most a token can hold");
        }
        return new Amount(v);
    }

    /** floor(value × bps / 10000): fees in basis points, rounding toward the payer never up. */
    public Amount basisPoints(int bps) {
        if (bps < 0 || bps > 10_000) {
            throw new IllegalArgumentException("basis points must be within 0..10000");
        }
        return new Amount(value.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000)));
    }

    /** floor(value × part / whole): metered charges, rounding toward the payer never up. */
    public Amount prorate(long part, long whole) {
        if (part < 0 || whole <= 0) {
            throw new IllegalArgumentException("part must not be negative and whole must be positive");
        }
        return new Amount(value.multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)));
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }

    @Override
    public int compareTo(Amount o) {
        return value.compareTo(o.value);
    }
}
