package com.ceki.storage;

import com.ceki.core.time.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The sparse GSI1 marker an outbox item (a webhook event, a usage event) carries from its commit until its message is
 * on a queue: {@code GSI1PK = <outbox>}, {@code GSI1SK = <stored at>#<id>}. The writer queues the message and clears
 * the marker right after its commit; a sweeper queues whatever a crash or a queue outage left marked.
 */
public final class OutboxMarker {

    private OutboxMarker() {}

    /** Marks {@code item} as waiting in {@code outbox}, stored at {@code at}; {@code id} keeps the sort key unique. */
    public static Item mark(Item item, String outbox, Instant at, String id) {
        return item.s(Table.GSI1_PK, outbox).s(Table.GSI1_SK, Timestamps.record(at) + "#" + id);
    }

    /**
     * Clears the marker of the item at {@code key}, whose message is queued now: {@code queued_at}, and from then on
     * {@code expiresAt} (epoch seconds) when it is not null.
     */
    public static void clear(Table table, Item key, Instant now, Long expiresAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Item.attr(Timestamps.record(now)));
        String update = "REMOVE GSI1PK, GSI1SK SET queued_at = :now";
        if (expiresAt != null) {
            values.put(":expires", Item.attr(expiresAt));
            update += ", " + Table.EXPIRES_AT + " = :expires";
        }
        String expression = update;
        table.client().updateItem(u -> u.tableName(table.name()).key(key.map()).updateExpression(expression)
                .conditionExpression("attribute_exists(PK)").expressionAttributeValues(values));
    }

    /** At most {@code max} items still marked in {@code outbox} that were stored before {@code before}, oldest first. */
    public static List<Item> before(Table table, String outbox, Instant before, int max) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :p AND GSI1SK < :before")
                .expressionAttributeValues(Map.of(":p", Item.attr(outbox), ":before", Item.attr(Timestamps.record(before))))
                .limit(max).build();
        return table.client().query(query).items().stream().map(Item::from).toList();
    }
}
