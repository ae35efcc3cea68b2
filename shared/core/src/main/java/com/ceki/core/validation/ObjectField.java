package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/** A nested JSON object with a closed set of keys, each validated under {@code name.key} paths. */
public final class ObjectField extends Field<ObjectNode, ObjectField> {

    ObjectField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        if (filled() && !node.isObject()) {
            fail("The " + label() + " field must be an object.");
        }
    }

    /** The object must have at least one key. */
    public ObjectField notEmpty() {
        if (ok() && node.isEmpty()) {
            fail("The " + label() + " field must not be empty.");
        }
        return this;
    }

    /** Any key outside {@code allowed} is a failure of its own path. */
    public ObjectField allowOnly(Set<String> allowed) {
        if (ok()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!allowed.contains(key)) {
                    String path = name + "." + key;
                    validator.fail(path, "The " + Validator.display(validator.path(path)) + " field is not allowed.");
                }
            }
        }
        return this;
    }

    /** Validates the object's own fields with {@code rules}. */
    public ObjectField fields(Consumer<Validator> rules) {
        if (ok()) {
            rules.accept(validator.nested(node, name));
        }
        return this;
    }

    @Override
    public ObjectNode value() {
        return ok() ? (ObjectNode) node : null;
    }
}
