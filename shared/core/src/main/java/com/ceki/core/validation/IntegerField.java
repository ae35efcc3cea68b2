package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * An integer field. Accepts a JSON integer or a string of digits (query strings; the reference's "1"), read exactly:
 * one that does not fit a {@code long} is refused, never wrapped.
 */
public final class IntegerField extends Field<Long, IntegerField> {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Digits past these are out of range without reading them. */
    private static final int MAX_TEXT_DIGITS = 25;

    private final Long parsed;

    IntegerField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        BigInteger exact = filled() ? exact(node) : null;
        if (filled() && exact == null) {
            fail("The " + label() + " field must be an integer.");
        } else if (exact != null && !fitsLong(exact)) {
            fail(outOfRange(label()));
        }
        this.parsed = exact != null && fitsLong(exact) ? exact.longValue() : null;
    }

    /** The exact value of a JSON integer or a digit string, or null when it is neither. */
    static BigInteger exact(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d+")) {
            String text = node.asText();
            return text.length() > MAX_TEXT_DIGITS ? MAX.add(BigInteger.ONE) : new BigInteger(text);
        }
        return null;
    }

    static boolean fitsLong(BigInteger value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    static String outOfRange(String label) {
        return "The " + label + " field must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ".";
    }

    public IntegerField between(long min, long max) {
        if (ok() && (parsed < min || parsed > max)) {
            fail("The " + label() + " field must be between " + min + " and " + max + ".");
        }
        return this;
    }

    public IntegerField min(long min) {
        if (ok() && parsed < min) {
            fail("The " + label() + " field must be at least " + min + ".");
        }
        return this;
    }

    @Override
    public Long value() {
        return ok() ? parsed : null;
    }

    public long valueOr(long fallback) {
        Long value = value();
        return value == null ? fallback : value;
    }
}
