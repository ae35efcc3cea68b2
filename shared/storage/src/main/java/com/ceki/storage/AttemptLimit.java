package com.ceki.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * At most {@code max} attempts per key in each fixed window (say 10 logins per email per 15 minutes, or 10 codes
 * per address per day), as one conditional increment of a {@code ATTEMPTS#<name>#<key>#<window>} item that TTL
 * removes later.
 */
public final class AttemptLimit {

    private final Table table;
    private final String name;
    private final int max;
    private final Duration window;

    public AttemptLimit(Table table, String name, int max, Duration window) {
        this.table = table;
        this.name = name;
        this.max = max;
        this.window = window;
    }

    /** Counts an attempt; empty when allowed, else the seconds until the window ends. */
    public OptionalLong attempt(String key, Instant now) {
        long windowIndex = now.getEpochSecond() / window.getSeconds();
        long windowEnd = (windowIndex + 1) * window.getSeconds();
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.attempts(name, key, windowIndex), "ATTEMPTS").map())
                    .updateExpression("ADD attempts :one SET #exp = :exp")
                    .conditionExpression("attribute_not_exists(attempts) OR attempts < :max")
                    .expressionAttributeNames(Map.of("#exp", Table.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", Item.attr(1), ":max", Item.attr(max),
                            ":exp", Item.attr(windowEnd + 3600)))
                    .build());
            return OptionalLong.empty();
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.of(Math.max(1, windowEnd - now.getEpochSecond()));
        }
    }
}
