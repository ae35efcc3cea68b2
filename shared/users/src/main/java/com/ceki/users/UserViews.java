package com.ceki.users;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shape of a user, as the reference shows it (fields not built yet are absent). */
public final class UserViews {

    private UserViews() {}

    public static ObjectNode user(User u) {
        ObjectNode node = Json.object();
        node.put("id", u.id());
        node.put("name", u.name());
        node.put("email", u.email());
        node.put("phone", u.phone());
        node.put("timezone", u.timezone());
        node.put("birthdate", u.birthdate());
        node.put("birthtime", u.birthtime());
        node.put("birthcity", u.birthcity());
        node.put("city", u.city());
        node.put("education", u.education());
        node.put("about", u.about());
        node.put("currency", u.currency());
        node.put("ava_id", u.avaId()); // a null Long is a JSON null
        node.put("cv_id", u.cvId());
        node.set("skills", json(u.skills(), Json.array()));
        node.set("languages", json(u.languages(), Json.array()));
        node.set("sallary", json(u.sallary(), Json.mapper().nullNode()));
        node.put("email_verified_at", Timestamps.record(u.emailVerifiedAt()));
        node.put("created_at", Timestamps.record(u.createdAt()));
        node.put("updated_at", Timestamps.record(u.updatedAt()));
        return node;
    }

    /** What fellow members of a schedule see of a person: who they are, not their private details. */
    public static ObjectNode member(User u) {
        ObjectNode node = Json.object();
        node.put("id", u.id());
        node.put("name", u.name());
        node.put("email", u.email());
        node.put("timezone", u.timezone());
        node.put("city", u.city());
        node.put("about", u.about());
        node.set("skills", json(u.skills(), Json.array()));
        node.set("languages", json(u.languages(), Json.array()));
        node.put("email_verified_at", Timestamps.record(u.emailVerifiedAt()));
        return node;
    }

    private static JsonNode json(String text, JsonNode fallback) {
        try {
            return text == null ? fallback : Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored profile JSON is not JSON", e);
        }
    }
}
