package com.ceki.billing;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.core.usage.UsageEvent;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.OutboxMarker;
import com.ceki.storage.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The usage outbox: a metered call's usage event is stored before it is queued, so that a queue outage delays its
 * counting but never loses it. A paid call's event is written in the debit's own transaction (it exists exactly when
 * the charge does, and a refund deletes it); a free call's is a conditional put once the call succeeded. Each carries
 * a sparse GSI1 marker ({@value #PENDING}) until it is on the metering queue; the sweeper queues what a crash or an
 * SQS outage left marked. Counting stays exactly-once in {@link UsageRepository#count}, keyed by the request id.
 */
public final class UsageOutbox {

    /** GSI1 partition of the usage events not yet queued. */
    public static final String PENDING = "USAGE_OUTBOX";
    /** How long a queued event's outbox item is kept (its counted record stays for good); a pending one never expires. */
    private static final Duration RETENTION = Duration.ofDays(7);

    /** A usage event not yet queued, as the sweeper finds it. */
    public record Pending(String requestId, String body) {}

    private final Table table;
    private final Clock clock;

    public UsageOutbox(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** The outbox item of {@code event}, for the debit transaction of the call it meters. */
    public TransactWriteItem write(UsageEvent event) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(item(event, Json.write(event.toJson())).map()).build()).build();
    }

    /** Deletes the outbox item of a call whose charge is refunded (its work failed: it is not usage). */
    public TransactWriteItem discard(String requestId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(Item.key(Keys.usageEvent(requestId), Keys.USAGE_OUTBOX).map()).build()).build();
    }

    /** Stores a free call's event, {@code body} its JSON as queued (a second store of one request id changes nothing). */
    public void store(UsageEvent event, String body) {
        try {
            table.client().putItem(p -> p.tableName(table.name()).item(item(event, body).map())
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException stored) {
            // stored before: a retried delivery of the same call
        }
    }

    /** Clears the marker of an event that is on the queue now. */
    public void queued(String requestId) {
        Instant now = clock.instant();
        OutboxMarker.clear(table, Item.key(Keys.usageEvent(requestId), Keys.USAGE_OUTBOX), now,
                now.plus(RETENTION).getEpochSecond());
    }

    /**
     * The marked events stored before {@code olderThan} ago (younger ones are still being queued by their calls, or
     * may yet be refunded), oldest first, at most {@code max}.
     */
    public List<Pending> pending(Duration olderThan, int max) {
        return OutboxMarker.before(table, PENDING, clock.instant().minus(olderThan), max).stream()
                .map(item -> new Pending(item.string("request_id"), item.string("body"))).toList();
    }

    private Item item(UsageEvent event, String body) {
        Instant at = Instant.ofEpochMilli(event.atEpochMilli());
        return OutboxMarker.mark(Item.key(Keys.usageEvent(event.requestId()), Keys.USAGE_OUTBOX).s("type", "usage_outbox")
                .s("request_id", event.requestId()).n("agent_id", event.agentId()).s("body", body)
                .s("at", Timestamps.record(at)), PENDING, clock.instant(), event.requestId());
    }
}
