package com.ceki.schedules.user;

import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON shape of a schedule event, as the reference shows events. */
public final class ScheduleEventViews {

    private ScheduleEventViews() {}

    public static ObjectNode event(ScheduleEvent e) {
        ObjectNode node = Json.object();
        node.put("id", e.id());
        node.put("user_id", e.userId());
        node.put("type_id", e.typeId());
        node.put("status_id", e.statusId());
        node.putNull("external_id");
        node.put("kal_schedule_id", e.scheduleId());
        node.put("kal_id", e.kalId());
        node.putNull("parent_id");
        node.putNull("billable_type");
        node.putNull("billable_id");
        node.put("benefitable_type", e.benefitableType());
        node.put("benefitable_id", e.benefitableId());
        node.put("label", e.label());
        node.put("description", e.description());
        node.put("timezone", e.timezone());
        node.put("start", Timestamps.seconds(e.start()));
        node.put("end", Timestamps.seconds(e.end()));
        node.put("duration", e.duration());
        node.put("amount", e.amount() == null ? null : Amounts.price(e.amount()));
        node.put("paid", Amounts.price(e.paid()));
        node.put("currency", e.currency());
        node.put("date", e.date());
        node.put("private", false);
        ArrayNode files = node.putArray("files");
        e.files().forEach(files::add);
        node.set("attendees", e.attendees());
        node.put("created_at", Timestamps.record(e.createdAt()));
        node.put("updated_at", Timestamps.record(e.updatedAt()));
        node.putNull("deleted_at");
        node.put("payment_status_id", e.paymentStatusId());
        node.put("owner_type", "User");
        return node;
    }

    public static ArrayNode events(List<ScheduleEvent> events) {
        ArrayNode list = Json.array();
        events.forEach(e -> list.add(event(e)));
        return list;
    }
}
