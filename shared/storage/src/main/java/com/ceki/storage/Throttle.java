package com.ceki.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * "At most once per interval" for any key (an email address, an IP...), as one conditional write on a
 * {@code THROTTLE#<name>#<key>} item that TTL removes afterwards. Keys that belong to nobody are throttled the
 * same way as real ones, so the answer reveals nothing about who exists.
 */
public final class Throttle {

    private final Table table;
    private final String name;
    private final Duration interval;

    public Throttle(Table table, String name, Duration interval) {
        this.table = table;
        this.name = name;
        this.interval = interval;
    }

    /** Records a hit now; empty when allowed, else how many seconds until the next one is. */
    public OptionalLong hit(String key, Instant now) {
        long nowMs = now.toEpochMilli();
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.throttle(name, key), "THROTTLE").map())
                    .updateExpression("SET last_at = :now, #exp = :exp")
                    .conditionExpression("attribute_not_exists(last_at) OR last_at <= :limit")
                    .expressionAttributeNames(Map.of("#exp", Table.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", Item.attr(nowMs),
                            ":limit", Item.attr(nowMs - interval.toMillis()),
                            ":exp", Item.attr(now.plus(interval).plus(Duration.ofDays(1)).getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return OptionalLong.empty();
        } catch (ConditionalCheckFailedException e) {
            long last = Item.from(e.item()).number("last_at", nowMs);
            long waitMs = last + interval.toMillis() - nowMs;
            return OptionalLong.of(Math.max(1, (waitMs + 999) / 1000));
        }
    }
}
