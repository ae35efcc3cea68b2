package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** An integer field. Accepts a JSON integer or a string of digits (query strings; the reference's "1"). */
public final class IntegerField extends Field<Long, IntegerField> {

    private final Long parsed;

    IntegerField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        this.parsed = filled() ? parse(node) : null;
        if (filled() && parsed == null) {
            fail("The " + label() + " field must be an integer.");
        }
    }

    private static Long parse(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        return null;
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
