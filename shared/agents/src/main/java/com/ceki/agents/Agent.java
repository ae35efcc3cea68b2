package com.ceki.agents;

import java.time.Instant;

/** An agent account as stored. */
public record Agent(
        long id,
        String email,
        AgentStatus status,
        boolean emailVerified,
        String apiKeyPrefix,
        String currency,
        long kalId,
        AgentProfile profile,
        Instant createdAt,
        Instant updatedAt,
        Instant lastAccessedAt) {

    public boolean isActive() {
        return status == AgentStatus.ACTIVE;
    }
}
