package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An array of JSON integers (ids, usually), with limits on the number of items and on each item's value. */
public final class IntegerListField extends Field<List<Long>, IntegerListField> {

    /** Item failures are reported under their own paths, so the list itself stays "valid" but yields no value. */
    private boolean itemsFailed;

    IntegerListField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        if (filled() && !node.isArray()) {
            fail("The " + label() + " field must be an array.");
        }
    }

    public IntegerListField maxItems(int max) {
        if (ok() && node.size() > max) {
            fail("The " + label() + " field must not have more than " + max + " items.");
        }
        return this;
    }

    /** Each item must be an integer of at least {@code min}; failures are reported per item path. */
    public IntegerListField min(long min) {
        return between(min, Long.MAX_VALUE);
    }

    /** Each item must be an integer in {@code min..max}; failures are reported per item path. */
    public IntegerListField between(long min, long max) {
        if (ok()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String path = name + "." + i;
                String label = Validator.display(validator.path(path));
                if (!isInteger(item)) {
                    validator.fail(path, "The " + label + " field must be an integer.");
                    itemsFailed = true;
                } else if (item.longValue() < min || item.longValue() > max) {
                    validator.fail(path, max == Long.MAX_VALUE ? "The " + label + " field must be at least " + min + "."
                            : "The " + label + " field must be between " + min + " and " + max + ".");
                    itemsFailed = true;
                }
            }
        }
        return this;
    }

    @Override
    public List<Long> value() {
        if (!ok() || itemsFailed) {
            return null;
        }
        List<Long> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!isInteger(item)) {
                return null;
            }
            values.add(item.longValue());
        }
        return values;
    }

    private static boolean isInteger(JsonNode item) {
        return item.isIntegralNumber() && item.canConvertToLong();
    }
}
