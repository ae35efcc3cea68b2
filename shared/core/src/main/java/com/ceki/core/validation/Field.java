package com.ceki.core.validation;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field under validation. Rules run only while the field is still valid, so a wrong type yields one clear
 * message instead of a cascade.
 */
public abstract sealed class Field<T, SELF extends Field<T, SELF>>
        permits StringField, IntegerField, DecimalField, BooleanField, StringListField, IntegerListField, ObjectListField,
        ObjectField {

    protected final Validator validator;
    protected final String name;
    protected final JsonNode node;
    private boolean valid = true;

    Field(Validator validator, String name, JsonNode node) {
        this.validator = validator;
        this.name = name;
        this.node = node;
    }

    /** The field was sent, possibly as {@code null}. */
    public boolean present() {
        return node != null;
    }

    /** The field was sent with a non-null value. */
    public boolean filled() {
        return node != null && !node.isNull();
    }

    @SuppressWarnings("unchecked")
    public SELF required() {
        if (!filled() || (node.isTextual() && node.asText().isBlank())) {
            fail("The " + label() + " field is required.");
        }
        return (SELF) this;
    }

    /**
     * At most {@code kilobytes} KB (of 1,000 bytes) as JSON text in UTF-8: for what is stored whole as one attribute
     * (free-form objects and lists), so that it and its neighbours fit DynamoDB's 400 KB item.
     */
    @SuppressWarnings("unchecked")
    public SELF maxKilobytes(int kilobytes) {
        if (ok() && Json.utf8Length(node) > kilobytes * 1000L) {
            fail("The " + label() + " field must not be larger than " + kilobytes + " KB.");
        }
        return (SELF) this;
    }

    /** The parsed value, or {@code null} when absent, null or invalid. */
    public abstract T value();

    protected final boolean ok() {
        return valid && filled();
    }

    protected final boolean isValid() {
        return valid;
    }

    protected final void fail(String message) {
        if (valid) {
            validator.fail(name, message);
            valid = false;
        }
    }

    protected final String label() {
        return Validator.display(validator.path(name));
    }
}
