package com.ceki.schedules.user;

import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shape of a user schedule, as the reference's search result shows it (plus {@code skills}). */
public final class UserScheduleViews {

    private UserScheduleViews() {}

    public static ObjectNode schedule(UserSchedule s) {
        ObjectNode node = Json.object();
        node.put("id", s.id());
        node.put("label", s.label());
        node.put("description", s.description());
        node.put("timezone", s.timezone());
        node.put("kal_id", s.kalId());
        node.set("settings", s.settings());
        node.put("created_at", Timestamps.record(s.createdAt()));
        node.put("updated_at", Timestamps.record(s.updatedAt()));
        node.putNull("deleted_at");
        ArrayNode files = node.putArray("files");
        s.files().forEach(files::add);
        node.put("type_id", s.typeId());
        node.put("status_id", s.statusId());
        node.put("msp", s.msp());
        node.putNull("icon");
        node.put("slug", s.slug());
        node.put("private", s.isPrivate());
        node.put("user_id", s.userId());
        node.put("start", Timestamps.seconds(s.start()));
        node.put("end", Timestamps.seconds(s.end()));
        node.put("duration", s.duration());
        node.put("price", s.price() == null ? null : Amounts.price(s.price()));
        node.put("currency", s.currency());
        node.put("parent_id", s.parentId());
        node.put("billable_type", s.billableType());
        node.put("billable_id", s.billableId());
        node.put("benefitable_type", s.benefitableType());
        node.put("benefitable_id", s.benefitableId());
        node.put("owner_type", "User");
        node.set("skills", s.skills());
        return node;
    }
}
