package com.ceki.tests.support;

import java.util.HashMap;
import java.util.Map;

/** Valid agent schedule bodies, to vary one field at a time. */
public final class Schedules {

    private Schedules() {}

    public static Map<String, Object> body(long kalId) {
        Map<String, Object> body = new HashMap<>();
        body.put("kal_id", kalId);
        body.put("settings", Map.of("price", 10, "duration", 60, "currency", "USD"));
        body.put("start", "2026-04-21T09:00:00Z");
        body.put("end", "2026-04-21T18:00:00Z");
        body.put("timezone", "Europe/Moscow");
        return body;
    }

    /** An active agent (verified or not) with its default calendar id. */
    public record ActiveAgent(Agents.Registered agent, long kalId) {}

    public static ActiveAgent activeAgent(String label) {
        var agent = Agents.register(label);
        Agents.activate(agent.id());
        return new ActiveAgent(agent, agent.response().body().path("kal_id").asLong());
    }
}
