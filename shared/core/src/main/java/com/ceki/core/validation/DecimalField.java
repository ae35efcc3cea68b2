package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** A decimal number (prices): a JSON number or a numeric string, read exactly as {@link BigDecimal}. */
public final class DecimalField extends Field<BigDecimal, DecimalField> {

    private final BigDecimal parsed;

    DecimalField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        this.parsed = filled() ? parse(node) : null;
        if (filled() && parsed == null) {
            fail("The " + label() + " field must be a number.");
        }
    }

    private static BigDecimal parse(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,30}(\\.\\d{1,18})?")) {
            return new BigDecimal(node.asText());
        }
        return null;
    }

    public DecimalField min(BigDecimal min) {
        if (ok() && parsed.compareTo(min) < 0) {
            fail("The " + label() + " field must be at least " + min.toPlainString() + ".");
        }
        return this;
    }

    public DecimalField max(BigDecimal max) {
        if (ok() && parsed.compareTo(max) > 0) {
            fail("The " + label() + " field must not be greater than " + max.toPlainString() + ".");
        }
        return this;
    }

    /** At most {@code places} decimals (trailing zeros do not count): more is refused, never rounded. */
    public DecimalField places(int places) {
        if (ok() && parsed.stripTrailingZeros().scale() > places) {
            fail("The " + label() + " field must have at most " + places + " decimal places.");
        }
        return this;
    }

    @Override
    public BigDecimal value() {
        return ok() ? parsed : null;
    }
}
