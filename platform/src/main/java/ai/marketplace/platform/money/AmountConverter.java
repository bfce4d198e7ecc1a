package ai.marketplace.platform.money;

import java.math.BigDecimal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Maps {@link Amount} to a {@code NUMERIC(78,0)} column without ever going through floating point. */
@Converter(autoApply = true)
public class AmountConverter implements AttributeConverter<Amount, BigDecimal> {

    @Override
    public BigDecimal convertToDatabaseColumn(Amount amount) {
        return amount == null ? null : new BigDecimal(amount.value());
    }

    @Override
    public Amount convertToEntityAttribute(BigDecimal column) {
        return column == null ? null : new Amount(column.toBigIntegerExact());
    }
}
