package com.ceki.events;

import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The JSON shape of an event, as the reference shows events, whatever the event belongs to. */
public final class EventViews {

    private EventViews() {}

    public static ObjectNode event(Event e) {
        ObjectNode node = Json.object();
        node.put("id", e.id());
        node.put("user_id", e.userId());
        node.put("type_id", e.typeId());
        node.put("status_id", e.statusId());
        node.put("external_id", e.externalId());
        node.put("kal_schedule_id", Event.SCHEDULE.equals(e.billableType()) ? e.billableId() : null);
        node.put("kal_id", e.kalId());
        node.put("parent_id", e.parentId());
        node.put("origin_id", e.originId());
        node.put("billable_type", e.billableType());
        node.put("billable_id", e.billableId());
        node.put("benefitable_type", e.benefitableType());
        node.put("benefitable_id", e.benefitableId());
        node.put("label", e.label());
        node.put("description", e.description());
        node.put("timezone", e.timezone());
        node.put("start", Timestamps.seconds(e.start()));
        node.put("end", Timestamps.seconds(e.end()));
        node.putNull("view");
        node.put("duration", e.duration());
        node.put("amount", e.amount() == null ? null : Amounts.price(e.amount()));
        node.put("paid", Amounts.price(e.paid()));
        node.put("rate", e.rate() == null ? null : Amounts.price(e.rate()));
        node.put("currency", e.currency());
        node.put("date", e.date());
        node.put("credit", e.credit());
        node.put("private", e.isPrivate());
        ArrayNode files = node.putArray("files");
        e.files().forEach(files::add);
        node.set("data", e.data() == null ? null : e.data().deepCopy());
        node.set("attendees", e.attendees() == null ? Json.array() : e.attendees().deepCopy());
        node.put("bill_id", e.billId());
        node.put("sequence", e.sequence());
        node.put("created_at", Timestamps.record(e.createdAt()));
        node.put("updated_at", Timestamps.record(e.updatedAt()));
        node.put("deleted_at", Timestamps.record(e.deletedAt()));
        node.put("payment_status_id", e.paymentStatusId());
        node.put("owner_type", Event.USER);
        return node;
    }

    /** A person's attendance, the reference's {@code pivot} (identified by its event and user). */
    public static ObjectNode attendance(Attendance a) {
        ObjectNode node = Json.object();
        node.put("event_id", a.eventId());
        node.put("user_id", a.userId());
        node.put("kal_id", a.kalId());
        node.put("role_id", a.roleId());
        node.put("status_id", a.statusId());
        node.put("email", a.email());
        node.putNull("external_id");
        node.put("created_at", Timestamps.record(a.createdAt()));
        node.put("updated_at", Timestamps.record(a.updatedAt()));
        return node;
    }

    public static ObjectNode correction(Correction c) {
        ObjectNode node = Json.object();
        node.put("id", c.id());
        node.put("event_id", c.eventId());
        node.put("user_id", c.userId());
        node.put("field", c.field());
        node.put("value", c.value());
        node.put("old_value", c.oldValue());
        node.put("status", c.status());
        ArrayNode votes = node.putArray("votes");
        c.votes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(v -> votes.addObject().put("user_id", v.getKey()).put("vote", v.getValue()));
        node.put("up", c.up());
        node.put("down", c.down());
        node.put("created_at", Timestamps.record(c.createdAt()));
        node.put("updated_at", Timestamps.record(c.updatedAt()));
        node.putNull("deleted_at");
        return node;
    }

    /** A tracker in the reference's tracker shape (and its minutes). */
    public static ObjectNode tracker(Event t) {
        ObjectNode node = Json.object();
        node.put("id", t.id());
        node.put("user_id", t.userId());
        node.put("start", Timestamps.seconds(t.start()));
        node.put("end", Timestamps.seconds(t.end()));
        node.put("duration", t.duration());
        node.put("status_id", t.statusId());
        node.put("timezone", t.timezone());
        node.put("label", t.label());
        boolean tracks = t.data() != null && t.data().has("trackable_id");
        node.put("trackable_type", tracks ? t.data().path("trackable_type").asText() : null);
        node.put("trackable_id", tracks ? t.data().path("trackable_id").asLong() : null);
        node.put("benefitable_type", t.benefitableType());
        node.put("benefitable_id", t.benefitableId());
        node.put("created_at", Timestamps.record(t.createdAt()));
        node.put("updated_at", Timestamps.record(t.updatedAt()));
        node.put("deleted_at", Timestamps.record(t.deletedAt()));
        return node;
    }

    public static ArrayNode events(List<Event> events) {
        ArrayNode list = Json.array();
        events.forEach(e -> list.add(event(e)));
        return list;
    }
}
