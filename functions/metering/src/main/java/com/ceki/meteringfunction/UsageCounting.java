package com.ceki.meteringfunction;

import com.ceki.agents.AgentRepository;
import com.ceki.billing.UsageRepository;
import com.ceki.core.json.Json;
import com.ceki.core.usage.UsageEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;

/** What one metering message does: count a call once, or move an agent's {@code last_accessed_at}. */
final class UsageCounting {

    private final UsageRepository usage;
    private final AgentRepository agents;

    UsageCounting(UsageRepository usage, AgentRepository agents) {
        this.usage = usage;
        this.agents = agents;
    }

    /** @throws IllegalArgumentException for a message that can never be processed (it ends in the DLQ) */
    void apply(String body) {
        UsageEvent event;
        try {
            event = UsageEvent.fromJson(Json.parse(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Metering message is not JSON", e);
        }
        if (UsageEvent.PROFILE_VIEW.equals(event.type())) {
            // Monotonic and conditional: a late or repeated view never moves the timestamp back.
            agents.touchLastAccessed(event.agentId(), Instant.ofEpochMilli(event.atEpochMilli()));
        } else {
            usage.count(event);
        }
    }
}
