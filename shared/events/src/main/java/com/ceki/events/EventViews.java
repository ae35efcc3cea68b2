package com.ceki.events;

import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

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

    public static ArrayNode events(List<Event> events) {
        ArrayNode list = Json.array();
        events.forEach(e -> list.add(event(e)));
        return list;
    }
}
