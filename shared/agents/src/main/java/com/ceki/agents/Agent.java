package com.ceki.agents;

import java.math.BigDecimal;
import java.time.Instant;

/** An agent account as stored; {@code lowBalanceUsd} is the threshold of its {@code wallet.balance_low} webhook. */
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
        Instant lastAccessedAt,
        BigDecimal lowBalanceUsd) {

    public boolean isActive() {
        return status == AgentStatus.ACTIVE;
    }
}
