package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An array of strings, with limits on the number of items and on each item's length. */
public final class StringListField extends Field<List<String>, StringListField> {

    /** Item failures are reported under their own paths, so the list itself stays "valid" but yields no value. */
    private boolean itemsFailed;

    StringListField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        if (filled() && !node.isArray()) {
            fail("The " + label() + " field must be an array.");
        }
    }

    public StringListField maxItems(int max) {
        if (ok() && node.size() > max) {
            fail("The " + label() + " field must not have more than " + max + " items.");
        }
        return this;
    }

    /** Each item must be a string of at most {@code max} characters; failures are reported per item path. */
    public StringListField itemMax(int max) {
        if (ok()) {
            boolean itemsValid = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String path = name + "." + i;
                String label = Validator.display(validator.path(path));
                if (!item.isTextual()) {
                    validator.fail(path, "The " + label + " field must be a string.");
                    itemsValid = false;
                } else if (item.asText().codePointCount(0, item.asText().length()) > max) {
                    validator.fail(path, "The " + label + " field must not be greater than " + max + " characters.");
                    itemsValid = false;
                }
            }
            itemsFailed = !itemsValid;
        }
        return this;
    }

    @Override
    public List<String> value() {
        if (!ok() || itemsFailed) {
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            values.add(item.asText());
        }
        return values;
    }
}
