package com.ceki.users;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A person's public profile as agents see it ({@code GET /api/agent/user/{id}}, the reference's "Retrieve a user's
 * public profile"): contact details, skills and languages as their labels, salary expectations and the number of
 * public active schedules. {@code username} and {@code rating} do not exist on this platform yet: always null.
 */
public final class UserPublicViews {

    private UserPublicViews() {}

    public static ObjectNode profile(User u, long activeSchedulesCount) {
        ObjectNode user = Json.object();
        user.put("id", u.id());
        user.put("name", u.name());
        user.putNull("username");
        user.put("email", u.email());
        user.put("phone", u.phone());
        user.put("city", u.city());
        user.put("timezone", u.timezone());
        user.put("about", u.about());
        user.putNull("rating");
        user.set("skills", labels(u.skills()));
        user.set("languages", labels(u.languages()));
        user.set("sallary", json(u.sallary()));
        user.put("currency", u.currency());
        user.put("active_schedules_count", activeSchedulesCount);
        ObjectNode body = Json.object();
        body.set("user", user);
        return body;
    }

    /** The labels of a stored {@code [{"label": ..., "value": ...}]} list, as strings. */
    static ArrayNode labels(String stored) {
        ArrayNode out = Json.array();
        JsonNode list = json(stored);
        if (list.isArray()) {
            for (JsonNode item : list) {
                JsonNode label = item.isObject() ? item.get("label") : item;
                if (label != null && label.isValueNode() && !label.isNull()) {
                    out.add(label.asText());
                }
            }
        }
        return out;
    }

    private static JsonNode json(String stored) {
        if (stored == null) {
            return Json.mapper().nullNode();
        }
        try {
            return Json.parse(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored profile JSON is not JSON", e);
        }
    }
}
