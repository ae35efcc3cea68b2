package com.ceki.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An array of JSON integers (ids, usually), with limits on the number of items and on each item's value. Items are
 * read exactly: one that does not fit a {@code long} is refused, never wrapped.
 */
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
        return items(min, Long.MAX_VALUE, "must be at least " + min + ".");
    }

    /** Each item must be an integer from {@code min} to {@code max}; failures are reported per item path. */
    public IntegerListField between(long min, long max) {
        return items(min, max, "must be an integer between " + min + " and " + max + ".");
    }

    private IntegerListField items(long min, long max, String outside) {
        if (ok()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String path = name + "." + i;
                String label = Validator.display(validator.path(path));
                if (!item.isIntegralNumber()) {
                    validator.fail(path, "The " + label + " field must be an integer.");
                    itemsFailed = true;
                } else if (!item.canConvertToLong()) {
                    validator.fail(path, IntegerField.outOfRange(label));
                    itemsFailed = true;
                } else if (item.longValue() < min || item.longValue() > max) {
                    validator.fail(path, "The " + label + " field " + outside);
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
