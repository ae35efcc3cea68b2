package com.ceki.storage;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.Conflict;
import com.ceki.core.idempotency.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency keys as items ({@code IDEMPOTENCY#<AGENT|USER>#<id>#<key>}) that DynamoDB's TTL deletes after
 * {@link #RETENTION}; an expired record that TTL has not removed yet counts as absent.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

    /** Kept well beyond the promised 24 hours (TTL deletion is lazy, up to days late, never early). */
    public static final Duration RETENTION = Duration.ofHours(48);
    /** A claim older than this was left by a request that timed out (functions time out well before). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final Table table;
    private final Clock clock;

    public DynamoIdempotencyStore(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<StoredResponse> begin(Principal principal, String key, String bodyFingerprint) {
        long now = clock.instant().getEpochSecond();
        Item record = Item.key(key(principal, key), Keys.IDEMPOTENCY)
                .s("body_sha256", bodyFingerprint).s("state", "in_progress")
                .n("created_at", now).n(Table.EXPIRES_AT, now + RETENTION.toSeconds());
        try {
            table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(record.map())
                    // Free: never used, expired, or claimed by a request that died (older than any Lambda timeout).
                    .conditionExpression("attribute_not_exists(PK) OR #exp < :now OR (#st = :running AND created_at < :abandoned)")
                    .expressionAttributeNames(Map.of("#exp", Table.EXPIRES_AT, "#st", "state"))
                    .expressionAttributeValues(Map.of(":now", Item.attr(now), ":running", Item.attr("in_progress"),
                            ":abandoned", Item.attr(now - ABANDONED_AFTER.toSeconds())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Item existing = Item.from(e.item());
            if (!bodyFingerprint.equals(existing.string("body_sha256"))) {
                throw new Conflict("This Idempotency-Key was already used with a different request body.");
            }
            if (!"completed".equals(existing.string("state"))) {
                throw new Conflict("A request with this Idempotency-Key is still being processed.");
            }
            return Optional.of(new StoredResponse((int) existing.number("status"), existing.string("response")));
        }
    }

    @Override
    public void complete(Principal principal, String key, StoredResponse response) {
        table.client().updateItem(u -> u.tableName(table.name())
                .key(Item.key(key(principal, key), Keys.IDEMPOTENCY).map())
                .updateExpression("SET #st = :done, #status = :status, #resp = :body")
                .expressionAttributeNames(Map.of("#st", "state", "#status", "status", "#resp", "response"))
                .expressionAttributeValues(Map.of(":done", Item.attr("completed"), ":status", Item.attr(response.status()),
                        ":body", Item.attr(response.body()))));
    }

    @Override
    public void abandon(Principal principal, String key) {
        table.client().deleteItem(d -> d.tableName(table.name())
                .key(Item.key(key(principal, key), Keys.IDEMPOTENCY).map()));
    }

    private static String key(Principal principal, String key) {
        return Keys.idempotency(principal.kind().name(), principal.id(), key);
    }
}
