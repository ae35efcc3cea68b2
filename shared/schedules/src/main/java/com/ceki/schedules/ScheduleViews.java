package com.ceki.schedules;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shapes of agent schedules, as the reference shows them. */
public final class ScheduleViews {

    private ScheduleViews() {}

    public static ObjectNode schedule(AgentSchedule s) {
        ObjectNode node = Json.object();
        node.put("id", s.id());
        node.put("kal_id", s.kalId());
        node.put("user_id", s.agentId());
        node.set("settings", s.settings());
        node.put("start", Timestamps.seconds(s.start()));
        node.put("end", Timestamps.seconds(s.end()));
        node.put("timezone", s.timezone());
        node.put("private", s.isPrivate());
        node.put("created_at", Timestamps.record(s.createdAt()));
        node.put("updated_at", Timestamps.record(s.updatedAt()));
        return node;
    }

    /** The reference's simple paginator. */
    public static ObjectNode page(ScheduleRepository.Page page) {
        ArrayNode data = Json.array();
        page.schedules().forEach(s -> data.add(schedule(s)));
        ObjectNode node = Json.object().put("current_page", page.page());
        node.set("data", data);
        node.put("per_page", page.perPage()).put("total", page.total());
        return node;
    }
}
