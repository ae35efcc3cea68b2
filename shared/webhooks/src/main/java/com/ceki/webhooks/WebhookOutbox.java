package com.ceki.webhooks;

import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.OutboxMarker;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dagger.Lazy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook outbox. An event is an item written in the same DynamoDB transaction as the change that causes it (the
 * deposit's credit, the debit), so it exists exactly when the change does; it carries a sparse GSI1 marker
 * ({@value #PENDING}) until it is on the webhook queue. {@link #release} queues events right after their transaction
 * commits; {@link #sweep} queues whatever a crash or a queue outage left marked. Nothing here sends to a callback URL:
 * the delivery function does, off every request path.
 */
public final class WebhookOutbox {

    /** GSI1 partition of the events not yet queued. */
    public static final String PENDING = "WEBHOOK_OUTBOX";
    /** How long events, their attempts and once-guards are kept. */
    static final Duration RETENTION = Duration.ofDays(30);

    private final Table table;
    private final Lazy<SqsClient> sqs;
    private final String queueUrl;
    private final IdGenerator ids;
    private final Clock clock;

    /** {@code sqs} is opened on the first event: most calls cause none, and cold starts should not pay for it. */
    public WebhookOutbox(Table table, Lazy<SqsClient> sqs, String queueUrl, IdGenerator ids, Clock clock) {
        this.table = table;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new event (not yet written): its id is minted here. */
    public WebhookEvent event(long agentId, WebhookEventType type, ObjectNode data) {
        return new WebhookEvent("msg_" + ids.next(), agentId, type, data, clock.instant());
    }

    /** The outbox item of {@code event}, for the causing change's own transaction. */
    public TransactWriteItem write(WebhookEvent event) {
        Item item = OutboxMarker.mark(Item.key(Keys.agent(event.agentId()), Keys.webhookEvent(event.id()))
                .s("type", "webhook_event").s("webhook_id", event.id()).n("agent_id", event.agentId())
                .s("event_type", event.type().wire()).s("body", event.body()).s("status", "pending")
                .s("created_at", Timestamps.record(event.createdAt())).n("expires_at", expiry(event.createdAt())),
                PENDING, event.createdAt(), event.agentId() + "#" + event.id());
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item.map())
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    /**
     * Writes {@code event} unless an event under {@code onceKey} was written before (once per window, say), then
     * queues it.
     *
     * @return false when the key had its event already
     */
    public boolean writeOnce(WebhookEvent event, String onceKey) {
        Item guard = Item.key(Keys.agent(event.agentId()), Keys.webhookOnce(onceKey)).s("type", "webhook_once")
                .s("webhook_id", event.id()).n("expires_at", expiry(event.createdAt()));
        try {
            table.client().transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(guard.map())
                            .conditionExpression("attribute_not_exists(PK)").build()).build(),
                    write(event)));
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                return false;
            }
            throw e;
        }
        release(List.of(event));
        return true;
    }

    /**
     * Puts committed events on the webhook queue and clears their marker. Never fails its caller: the change is
     * committed, and an event this could not queue is still marked, for {@link #sweep}.
     */
    public void release(Collection<WebhookEvent> events) {
        for (WebhookEvent event : events) {
            try {
                enqueue(event.agentId(), event.id());
            } catch (RuntimeException e) {
                System.err.println("WARN webhook " + event.id() + " left for the sweeper: " + e);
            }
        }
    }

    /**
     * Queues the marked events created before {@code olderThan} ago (younger ones are being released by their
     * writers), at most {@code max} of them.
     *
     * @return how many were queued
     */
    public int sweep(Duration olderThan, int max) {
        int queued = 0;
        for (Item marked : OutboxMarker.before(table, PENDING, clock.instant().minus(olderThan), max)) {
            enqueue(marked.number("agent_id"), marked.string("webhook_id"));
            queued++;
        }
        return queued;
    }

    private void enqueue(long agentId, String webhookId) {
        String message = Json.write(Json.object().put("agent_id", agentId).put("webhook_id", webhookId));
        sqs.get().sendMessage(m -> m.queueUrl(queueUrl).messageBody(message));
        OutboxMarker.clear(table, Item.key(Keys.agent(agentId), Keys.webhookEvent(webhookId)), clock.instant(), null);
    }

    static long expiry(Instant from) {
        return from.plus(RETENTION).getEpochSecond();
    }
}
