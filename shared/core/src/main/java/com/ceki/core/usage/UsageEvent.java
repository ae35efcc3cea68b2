package com.ceki.core.usage;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * One metered agent call, as it travels through the metering queue. {@code requestId} makes it idempotent:
 * however often it is delivered, it is counted once. {@code chargedUsd} is what the call cost in USD (zero for
 * free calls); {@code month} is the UTC billing period {@code YYYY-MM} the call belongs to.
 */
public record UsageEvent(String type, long agentId, String month, BigDecimal chargedUsd, String requestId, long atEpochMilli) {

    /** A public view of an agent's profile: not usage of the agent, it moves the agent's {@code last_accessed_at}. */
    public static final String PROFILE_VIEW = "profile_view";

    public ObjectNode toJson() {
        return Json.object().put("type", type).put("agent_id", agentId).put("month", month)
                .put("charged_usd", chargedUsd.toPlainString()).put("request_id", requestId).put("at", atEpochMilli);
    }

    /** Reads a message body back; throws IllegalArgumentException for anything that is not a usage event. */
    public static UsageEvent fromJson(JsonNode n) {
        String type = text(n, "type");
        String month = text(n, "month");
        String requestId = text(n, "request_id");
        if (!n.path("agent_id").canConvertToLong() || !n.path("agent_id").isIntegralNumber()
                || !n.path("at").isIntegralNumber() || !month.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("Not a usage event: " + n);
        }
        BigDecimal charged;
        try {
            charged = new BigDecimal(text(n, "charged_usd"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad charged_usd in " + n, e);
        }
        if (charged.signum() < 0) {
            throw new IllegalArgumentException("Negative charge in " + n);
        }
        return new UsageEvent(type, n.path("agent_id").asLong(), month, charged, requestId, n.path("at").asLong());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("Usage event without " + field + ": " + n);
        }
        return v.asText();
    }
}
