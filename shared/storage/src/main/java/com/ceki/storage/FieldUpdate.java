package com.ceki.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A partial update of named attributes (PATCH semantics): a value sets the attribute, {@code null} removes it,
 * and {@code updated_at} is always set. Attribute names go through placeholders, so any field name is safe.
 */
public final class FieldUpdate {

    private FieldUpdate() {}

    /** Fills the update expression, names and values of {@code request} for {@code changes}. */
    public static UpdateItemRequest.Builder apply(UpdateItemRequest.Builder request, Map<String, AttributeValue> changes,
                                                  String updatedAt) {
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Item.attr(updatedAt));
        sets.add("updated_at = :now");
        int i = 0;
        for (var change : changes.entrySet()) {
            String name = "#f" + i;
            names.put(name, change.getKey());
            if (change.getValue() == null) {
                removes.add(name);
            } else {
                sets.add(name + " = :v" + i);
                values.put(":v" + i, change.getValue());
            }
            i++;
        }
        request.updateExpression("SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
                .expressionAttributeValues(values);
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        return request;
    }
}
