package com.ceki.webhooks;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The record of every delivery attempt, kept 30 days under the agent and listed newest first. */
public final class WebhookAttempts {

    /** What one attempt did: {@code outcome} delivered, failed, refused or skipped. */
    public record Attempt(String webhookId, String eventType, int attempt, Instant attemptedAt, String outcome,
                          Integer statusCode, String error, long durationMs, String url) {}

    private final Table table;

    public WebhookAttempts(Table table) {
        this.table = table;
    }

    void record(long agentId, Attempt a) {
        String at = Timestamps.record(a.attemptedAt());
        Item item = Item.key(Keys.agent(agentId), Keys.webhookAttempt(at, a.webhookId(), a.attempt()))
                .s("type", "webhook_attempt").s("webhook_id", a.webhookId()).s("event_type", a.eventType())
                .n("attempt", a.attempt()).s("attempted_at", at).s("outcome", a.outcome())
                .s("error", a.error()).n("duration_ms", a.durationMs()).s("url", a.url())
                .n("expires_at", WebhookOutbox.expiry(a.attemptedAt()));
        if (a.statusCode() != null) {
            item.n("status_code", a.statusCode());
        }
        table.client().putItem(p -> p.tableName(table.name()).item(item.map()));
    }

    /** The agent's newest {@code limit} attempts. */
    public List<Attempt> recent(long agentId, int limit) {
        return table.client().query(q -> q.tableName(table.name())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.agent(agentId)),
                                ":prefix", Item.attr(Keys.WEBHOOK_ATTEMPT_PREFIX)))
                        .scanIndexForward(false).limit(limit).consistentRead(true))
                .items().stream().map(Item::from).map(WebhookAttempts::toAttempt).toList();
    }

    private static Attempt toAttempt(Item item) {
        Long status = item.optionalNumber("status_code");
        return new Attempt(item.string("webhook_id"), item.string("event_type"), (int) item.number("attempt"),
                Instant.parse(item.string("attempted_at")), item.string("outcome"),
                status == null ? null : status.intValue(), item.string("error"), item.number("duration_ms"),
                item.string("url"));
    }
}
