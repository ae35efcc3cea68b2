package com.ceki.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Following a Query across DynamoDB's 1 MB pages: everything, one API page (page N of a fixed size, by reading
 * and skipping what comes before it: cost grows with the page number), or just the count; and reading many items
 * by key.
 */
public final class Queries {

    private Queries() {}

    public static List<Item> all(Table table, QueryRequest query) {
        List<Item> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = table.client().query(from(query, start).build());
            response.items().forEach(raw -> items.add(Item.from(raw)));
            start = next(response);
        } while (start != null);
        return items;
    }

    /**
     * Items {@code (page-1)*perPage .. page*perPage-1} of the query's order. The first call asks for just the items
     * the page needs; DynamoDB's Limit counts items before the FilterExpression, so each further call (a filter
     * dropped some) asks for twice the last, up to 1,000: a rare filter costs a few calls, not one per page.
     */
    public static List<Item> page(Table table, QueryRequest query, int page, int perPage) {
        List<Item> items = new ArrayList<>(perPage);
        long skip = (long) (page - 1) * perPage;
        long seen = 0;
        int limit = 0;
        Map<String, AttributeValue> start = null;
        do {
            limit = (int) Math.min(1000, Math.max(2L * limit, skip + perPage - seen));
            QueryResponse response = table.client().query(from(query, start).limit(limit).build());
            for (Map<String, AttributeValue> raw : response.items()) {
                if (seen++ >= skip && items.size() < perPage) {
                    items.add(Item.from(raw));
                }
            }
            start = next(response);
        } while (start != null && items.size() < perPage);
        return items;
    }

    public static long count(Table table, QueryRequest query) {
        long total = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = table.client().query(from(query, start).select(Select.COUNT).build());
            total += response.count();
            start = next(response);
        } while (start != null);
        return total;
    }

    /**
     * The items at {@code keys} that exist, in no particular order: BatchGetItem, 100 keys a call, keys DynamoDB left
     * unprocessed (throttled) asked again. Consistent reads unless {@code consistent} is false.
     */
    public static List<Item> getAll(Table table, List<Item> keys, boolean consistent) {
        return getAll(table, keys, consistent, List.of());
    }

    /** As above, reading only the key and {@code attributes} of each item (none: every attribute). */
    public static List<Item> getAll(Table table, List<Item> keys, boolean consistent, List<String> attributes) {
        List<Item> found = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        if (!attributes.isEmpty()) {
            names.put("#pk", "PK");
            names.put("#sk", "SK");
            for (int i = 0; i < attributes.size(); i++) {
                names.put("#a" + i, attributes.get(i));
            }
        }
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(from + 100, keys.size())).stream()
                    .map(Item::map).toList();
            KeysAndAttributes.Builder wanted = KeysAndAttributes.builder().keys(batch).consistentRead(consistent);
            if (!names.isEmpty()) {
                wanted.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
            }
            Map<String, KeysAndAttributes> pending = Map.of(table.name(), wanted.build());
            while (!pending.isEmpty()) {
                var request = pending;
                BatchGetItemResponse response = table.client().batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table.name(), List.of()).forEach(raw -> found.add(Item.from(raw)));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static QueryRequest.Builder from(QueryRequest query, Map<String, AttributeValue> start) {
        QueryRequest.Builder builder = query.toBuilder();
        if (start != null) {
            builder.exclusiveStartKey(start);
        }
        return builder;
    }

    private static Map<String, AttributeValue> next(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    }
}
