package com.ceki.storage;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.Conflict;
import com.ceki.core.idempotency.IdempotencyStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency keys as items ({@code IDEMPOTENCY#<AGENT|USER>#<id>#<key>}) that DynamoDB's TTL deletes after
 * {@link #RETENTION}; an expired record that TTL has not removed yet counts as absent. The response is kept
 * gzipped, so that one as large as a response gets (a payment listing 96 events) fits the 400 KB item: completing
 * must not fail once the work is done, or a retry after {@link #ABANDONED_AFTER} would do it again.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

    /** Kept well beyond the promised 24 hours (TTL deletion is lazy, up to days late, never early). */
    public static final Duration RETENTION = Duration.ofHours(48);
    /** A claim older than this was left by a request that timed out (functions time out well before). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    /** What a kept response may take of its item; past it, the replay says the work was done and to read it again. */
    static final int MAX_KEPT_BYTES = 350_000;
    static final String TOO_LARGE_TO_KEEP = "{\"message\":\"This request was already done; its response was too large"
            + " to keep for replays: read what it changed again.\"}";

    private final Table table;
    private final Clock clock;

    public DynamoIdempotencyStore(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<StoredResponse> begin(Principal principal, String key, String bodyFingerprint, String keyName) {
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
                throw new Conflict("This " + keyName + " was already used with a different request body.");
            }
            if (!"completed".equals(existing.string("state"))) {
                throw new Conflict("A request with this " + keyName + " is still being processed.");
            }
            String body = existing.has("response_gz") ? gunzip(existing.bytes("response_gz"))
                    : existing.string("response"); // kept as text before responses were gzipped
            Map<String, String> headers = new HashMap<>();
            if (existing.has("response_headers")) {
                existing.map().get("response_headers").m().forEach((name, value) -> headers.put(name, value.s()));
            }
            return Optional.of(new StoredResponse((int) existing.number("status"), body, headers));
        }
    }

    @Override
    public void complete(Principal principal, String key, StoredResponse response) {
        byte[] kept = gzip(response.body());
        if (kept.length > MAX_KEPT_BYTES) {
            kept = gzip(TOO_LARGE_TO_KEEP);
        }
        AttributeValue body = AttributeValue.fromB(SdkBytes.fromByteArray(kept));
        Map<String, AttributeValue> sentHeaders = new HashMap<>();
        response.headers().forEach((name, value) -> sentHeaders.put(name, Item.attr(value)));
        AttributeValue headers = AttributeValue.fromM(sentHeaders);
        table.client().updateItem(u -> u.tableName(table.name())
                .key(Item.key(key(principal, key), Keys.IDEMPOTENCY).map())
                .updateExpression("SET #st = :done, #status = :status, #resp = :body, #headers = :headers")
                .expressionAttributeNames(Map.of("#st", "state", "#status", "status", "#resp", "response_gz",
                        "#headers", "response_headers"))
                .expressionAttributeValues(Map.of(":done", Item.attr("completed"), ":status", Item.attr(response.status()),
                        ":body", body, ":headers", headers)));
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("A kept response is not gzip", e);
        }
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
