package com.ceki.webhooks;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event for an agent's callback URL. {@code id} is its {@code webhook-id}, the same on every attempt (the
 * receiver's idempotency key); {@link #body()} is fixed when the event is written, so every attempt signs and sends
 * the same bytes.
 */
public record WebhookEvent(String id, long agentId, WebhookEventType type, ObjectNode data, Instant createdAt) {

    /** The Standard Webhooks payload: {@code {type, timestamp, data}}. */
    public String body() {
        ObjectNode body = Json.object().put("type", type.wire()).put("timestamp", Timestamps.record(createdAt));
        body.set("data", data);
        return Json.write(body);
    }
}
