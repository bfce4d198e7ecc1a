package ai.marketplace.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

class AmountTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void travelsAsADecimalStringWithoutLosingPrecision() throws Exception {
        Amount max = new Amount(Amount.MAX);
        String encoded = json.writeValueAsString(max);
        assertThat(encoded).isEqualTo("\"" + Amount.MAX + "\"");
        assertThat(json.readValue(encoded, Amount.class)).isEqualTo(max);
        // 2^53 + 1 is where doubles start lying.
        assertThat(json.readValue("\"9007199254740993\"", Amount.class).value())
                .isEqualTo(new BigInteger("9007199254740993"));
    }

    @Test
    void rejectsEverythingThatIsNotAPlainNonNegativeInteger() {
        for (String bad : new String[] { "-1", "1.5", "1e3", "01", " 1", "0x10", "", "abc", "+1" }) {
            assertThatThrownBy(() -> Amount.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> json.readValue("\"1.5\"", Amount.class)).isInstanceOf(ValueInstantiationException.class);
        assertThatThrownBy(() -> new Amount(Amount.MAX.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSumOrProductBeyondWhatATokenCanHoldIsAnUnprocessableRequestNotACrash() {
        Amount max = new Amount(Amount.MAX);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> max.times(2))
                .isInstanceOf(ai.marketplace.platform.domain.DomainException.Unprocessable.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
                        ((ai.marketplace.platform.domain.DomainException.Unprocessable) e).slug()).isEqualTo("amount-overflow"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> max.plus(Amount.of(1)))
                .isInstanceOf(ai.marketplace.platform.domain.DomainException.Unprocessable.class);
        org.assertj.core.api.Assertions.assertThat(max.times(1)).isEqualTo(max);
    }

    @Test
    void arithmeticNeverRoundsUpAndNeverGoesNegative() {
        assertThat(Amount.of(999).basisPoints(250)).isEqualTo(Amount.of(24)); // 24.975 → 24
        assertThat(Amount.of(10_000).basisPoints(250)).isEqualTo(Amount.of(250));
        assertThat(Amount.of(5).plus(Amount.of(7)).minus(Amount.of(12))).isEqualTo(Amount.ZERO);
        assertThatThrownBy(() -> Amount.of(5).minus(Amount.of(6))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Amount.of(1_500_000).times(12)).isEqualTo(Amount.of(18_000_000));
        // 1 000 000 per GPU-hour for 5399 GPU-seconds is 1 499 722.2… → 1 499 722; a whole hour is exact.
        assertThat(Amount.of(1_000_000).prorate(5399, 3600)).isEqualTo(Amount.of(1_499_722));
        assertThat(Amount.of(1_000_000).prorate(3600, 3600)).isEqualTo(Amount.of(1_000_000));
        assertThatThrownBy(() -> Amount.of(1).prorate(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
