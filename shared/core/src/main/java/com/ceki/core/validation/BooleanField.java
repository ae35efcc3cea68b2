package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** A boolean field: JSON true/false, or "true"/"false"/"1"/"0" (and 1/0) as Laravel accepts. */
public final class BooleanField extends Field<Boolean, BooleanField> {

    private final Boolean parsed;

    BooleanField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        this.parsed = filled() ? parse(node) : null;
        if (filled() && parsed == null) {
            fail("The " + label() + " field must be true or false.");
        }
    }

    private static Boolean parse(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText() : "";
        return switch (text) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    @Override
    public Boolean value() {
        return ok() ? parsed : null;
    }

    public boolean valueOr(boolean fallback) {
        Boolean value = value();
        return value == null ? fallback : value;
    }
}
