package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * A decimal number (prices): a JSON number or a numeric string, read exactly as {@link BigDecimal}. A number
 * DynamoDB cannot store (more than 38 significant digits, or a magnitude below 1E-130 or from 1E+126) is refused
 * here, before anything formats it: {@code 1e999999999} is one digit and an exponent, its plain form a billion chars.
 */
public final class DecimalField extends Field<BigDecimal, DecimalField> {

    /** DynamoDB's number type: up to 38 significant digits; zero, or a magnitude from 1E-130 to 9.99..E+125. */
    static final int MAX_DIGITS = 38;
    static final int MIN_EXPONENT = -130;
    static final int MAX_EXPONENT = 125;

    private final BigDecimal parsed;

    DecimalField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        BigDecimal number = filled() ? parse(node) : null;
        if (filled() && number == null) {
            fail("The " + label() + " field must be a number.");
        } else if (number != null && !storable(number)) {
            fail("The " + label() + " field must be zero or a number between 1E-130 and 1E+126 in size, with at most "
                    + MAX_DIGITS + " significant digits.");
        }
        this.parsed = number;
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

    /** Whether DynamoDB can hold the number exactly; works on digits and exponent, never on the plain form. */
    static boolean storable(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return true;
        }
        long exponent = (long) stripped.precision() - stripped.scale() - 1; // long: a scale may be near Integer.MIN_VALUE
        return stripped.precision() <= MAX_DIGITS && exponent >= MIN_EXPONENT && exponent <= MAX_EXPONENT;
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

    /** At most {@code places} decimal places (trailing zeros do not count): more is refused, never rounded. */
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
