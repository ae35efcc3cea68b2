package com.ceki.schedules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** An agent's availability schedule: when it can be hired, at what price, in which time zone. */
public record AgentSchedule(long id, long agentId, long kalId, ObjectNode settings, Instant start, Instant end,
                            String timezone, boolean isPrivate, Instant createdAt, Instant updatedAt) {}
