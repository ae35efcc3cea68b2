package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.function.Consumer;

/** An array of objects, each validated by the given rules under {@code name.N.field} paths. */
public final class ObjectListField extends Field<ArrayNode, ObjectListField> {

    ObjectListField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        if (filled() && !node.isArray()) {
            fail("The " + label() + " field must be an array.");
        }
    }

    public ObjectListField maxItems(int max) {
        if (ok() && node.size() > max) {
            fail("The " + label() + " field must not have more than " + max + " items.");
        }
        return this;
    }

    public ObjectListField each(Consumer<Validator> rules) {
        if (ok()) {
            Validator.eachObject(validator, name, (ArrayNode) node, rules);
        }
        return this;
    }

    @Override
    public ArrayNode value() {
        return ok() ? (ArrayNode) node : null;
    }
}
