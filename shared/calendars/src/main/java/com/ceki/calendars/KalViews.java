package com.ceki.calendars;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON shapes of kals: the reference's kal object, with its linked external calendars and kals. */
public final class KalViews {

    private KalViews() {}

    public static ObjectNode kal(Kal k) {
        ObjectNode node = Json.object();
        node.put("id", k.id());
        node.put("label", k.label());
        node.put("description", k.description());
        node.put("timezone", k.timezone());
        node.put("user_id", k.userId());
        node.put("created_at", Timestamps.record(k.createdAt()));
        node.put("updated_at", Timestamps.record(k.updatedAt()));
        node.putNull("deleted_at");
        node.putNull("icon");
        node.put("slug", k.slug());
        node.put("private", k.isPrivate());
        node.putNull("settings");
        ArrayNode files = node.putArray("files");
        k.files().forEach(files::add);
        node.putNull("type_id");
        node.putNull("status_id");
        node.putNull("external_id");
        node.put("owner_type", "User");
        ArrayNode external = node.putArray("external");
        for (Kal.ExternalCalendar e : k.external()) {
            external.addObject().put("id", e.id()).put("summary", e.summary()).put("description", e.description())
                    .put("timeZone", e.timeZone()).put("from", e.from());
        }
        ArrayNode links = node.putArray("links");
        for (Kal.KalLink l : k.links()) {
            links.addObject().put("id", l.kalId()).put("from", l.from());
        }
        return node;
    }

    public static ArrayNode kals(List<Kal> kals) {
        ArrayNode list = Json.array();
        kals.forEach(k -> list.add(kal(k)));
        return list;
    }
}
