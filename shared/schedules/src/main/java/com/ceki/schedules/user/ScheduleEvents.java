package com.ceki.schedules.user;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Events of a schedule ({@code SCHEDULE#<n16 id> / EVENT#<n16 event id>}) and the day locks that keep confirmed
 * bookings apart ({@code SCHEDULE#<n16 id> / BOOKED#<local date>}).
 *
 * <p>A day lock lists the confirmed bookings touching one local day of the schedule, with a version number. A
 * booking is one transaction: put the event (new id) and rewrite the lock of every local day it touches (one, or
 * two when an event template runs past midnight) on the version it was read at. Two requests touching a common day
 * race on that condition: one commits, the other re-reads, sees the overlap and is refused.
 */
public final class ScheduleEvents {

    /** A confirmed booking as its day lock records it. */
    public record Booked(long eventId, Instant start, Instant end) {
        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }
    }

    /** The confirmed bookings of one local day, and the version they were read at (0: no lock item yet). */
    public record BookedDay(String date, List<Booked> bookings, long version) {
        public boolean overlaps(Instant start, Instant end) {
            return bookings.stream().anyMatch(b -> b.overlaps(start, end));
        }
    }

    /** How a booking transaction ended. */
    public enum Outcome { BOOKED, DAY_CHANGED, ID_TAKEN }

    /** A booking's new paid amount and payment status, written only if {@code paidBefore} is still current. */
    public record PaymentUpdate(ScheduleEvent event, BigDecimal paidBefore, BigDecimal paidAfter, int paymentStatusId) {}

    private final Table table;

    public ScheduleEvents(Table table) {
        this.table = table;
    }

    public BookedDay day(long scheduleId, String localDate) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.userSchedule(scheduleId), Keys.bookedDay(localDate)).map()).consistentRead(true)).item());
        if (item.isEmpty()) {
            return new BookedDay(localDate, List.of(), 0);
        }
        List<Booked> bookings = item.strings("bookings").stream().map(ScheduleEvents::booked).toList();
        return new BookedDay(localDate, bookings, item.number("version"));
    }

    /**
     * Writes a confirmed booking and the locks of the days it touches in one transaction, each lock on the version
     * it was read at ({@code days}).
     */
    public Outcome book(ScheduleEvent event, List<BookedDay> days) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(event));
        for (BookedDay day : days) {
            List<String> bookings = new ArrayList<>(day.bookings().stream().map(ScheduleEvents::text).toList());
            bookings.add(text(new Booked(event.id(), event.start(), event.end())));
            Put.Builder lock = Put.builder().tableName(table.name())
                    .item(Item.key(Keys.userSchedule(event.scheduleId()), Keys.bookedDay(day.date()))
                            .s("type", "booked_day").strings("bookings", bookings).n("version", day.version() + 1).map());
            if (day.version() == 0) {
                lock.conditionExpression("attribute_not_exists(PK)");
            } else {
                lock.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", Item.attr(day.version())));
            }
            writes.add(TransactWriteItem.builder().put(lock.build()).build());
        }
        try {
            table.client().transactWriteItems(t -> t.transactItems(writes));
            return Outcome.BOOKED;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                return Outcome.ID_TAKEN;
            }
            if (Transactions.onlyConditionsFailed(e) || Transactions.conflicted(e)) {
                return Outcome.DAY_CHANGED;
            }
            throw e;
        }
    }

    /** Writes an event that takes no day lock (a booking not yet confirmed); false when the id is taken. */
    public boolean put(ScheduleEvent event) {
        try {
            table.client().putItem(p -> p.tableName(table.name()).item(toItem(event).map()).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The events among {@code ids} that belong to the schedule, by id. */
    public Map<Long, ScheduleEvent> findAll(long scheduleId, List<Long> ids) {
        Map<Long, ScheduleEvent> found = new HashMap<>();
        List<Long> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(from + 100, distinct.size())).stream()
                    .map(id -> Item.key(Keys.userSchedule(scheduleId), Keys.scheduleEvent(id)).map()).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table.name(), KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!pending.isEmpty()) {
                var request = pending;
                var response = table.client().batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table.name(), List.of()).forEach(i -> {
                    ScheduleEvent e = toEvent(Item.from(i));
                    found.put(e.id(), e);
                });
                pending = response.unprocessedKeys();
            }
        }
        return found;
    }

    /** Sets the label of an event that exists; returns it as stored. */
    public ScheduleEvent relabel(long scheduleId, long eventId, String label, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", Item.attr(Timestamps.record(now))));
        String set = "SET updated_at = :now";
        if (label == null) {
            set += " REMOVE label";
        } else {
            set = "SET updated_at = :now, label = :label";
            values.put(":label", Item.attr(label));
        }
        String expression = set;
        return toEvent(Item.from(table.client().updateItem(u -> u.tableName(table.name())
                .key(Item.key(Keys.userSchedule(scheduleId), Keys.scheduleEvent(eventId)).map())
                .updateExpression(expression).expressionAttributeValues(values)
                .conditionExpression("attribute_exists(PK)").returnValues(ReturnValue.ALL_NEW)).attributes()));
    }

    /**
     * Records a payment event and what it covers of each booking, in one transaction: false when a booking's paid
     * amount changed since it was read (a concurrent payment), so nothing was written and the caller re-reads.
     */
    public boolean recordPayment(ScheduleEvent payment, List<PaymentUpdate> updates, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(payment));
        for (PaymentUpdate u : updates) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                    .key(Item.key(Keys.userSchedule(u.event().scheduleId()), Keys.scheduleEvent(u.event().id())).map())
                    .updateExpression("SET paid = :after, payment_status_id = :status, updated_at = :now")
                    .conditionExpression("paid = :before")
                    .expressionAttributeValues(Map.of(":after", Item.attr(u.paidAfter()), ":before", Item.attr(u.paidBefore()),
                            ":status", Item.attr(u.paymentStatusId()), ":now", Item.attr(Timestamps.record(now))))
                    .build()).build());
        }
        try {
            table.client().transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.onlyConditionsFailed(e) || Transactions.conflicted(e)) {
                return false;
            }
            throw e;
        }
    }

    private TransactWriteItem putNew(ScheduleEvent event) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(toItem(event).map())
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    static Item toItem(ScheduleEvent e) {
        Item item = Item.key(Keys.userSchedule(e.scheduleId()), Keys.scheduleEvent(e.id()))
                .s("type", "schedule_event").n("id", e.id()).n("schedule_id", e.scheduleId()).n("user_id", e.userId())
                .n("type_id", e.typeId()).n("status_id", e.statusId()).s("label", e.label()).s("description", e.description())
                .s("timezone", e.timezone()).s("start", Timestamps.seconds(e.start()))
                .s("end", Timestamps.seconds(e.end())).n("amount", e.amount())
                .s("currency", e.currency()).s("date", e.date()).n("payment_status_id", e.paymentStatusId())
                .n("paid", e.paid()).s("attendees", Json.write(e.attendees()))
                .strings("files", e.files().stream().map(String::valueOf).toList())
                .s("benefitable_type", e.benefitableType())
                .s("created_at", Timestamps.record(e.createdAt())).s("updated_at", Timestamps.record(e.updatedAt()));
        if (e.kalId() != null) {
            item.n("kal_id", e.kalId());
        }
        if (e.duration() != null) {
            item.n("duration", e.duration());
        }
        if (e.benefitableId() != null) {
            item.n("benefitable_id", e.benefitableId());
        }
        return item;
    }

    static ScheduleEvent toEvent(Item i) {
        try {
            return new ScheduleEvent(i.number("id"), i.number("schedule_id"), i.number("user_id"), (int) i.number("type_id"),
                    (int) i.number("status_id"), i.has("kal_id") ? i.number("kal_id") : null, i.string("label"),
                    i.string("description"), i.string("timezone"), instant(i.string("start")), instant(i.string("end")),
                    i.has("duration") ? (int) i.number("duration") : null, i.has("amount") ? i.decimal("amount") : null,
                    i.string("currency"), i.string("date"), (int) i.number("payment_status_id"), i.decimal("paid"),
                    (ArrayNode) Json.parse(i.string("attendees")), i.strings("files").stream().map(Long::valueOf).toList(),
                    i.string("benefitable_type"), i.has("benefitable_id") ? i.number("benefitable_id") : null,
                    Instant.parse(i.string("created_at")), Instant.parse(i.string("updated_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event JSON is not JSON", e);
        }
    }

    private static String text(Booked b) {
        return b.start().getEpochSecond() + "/" + b.end().getEpochSecond() + "/" + b.eventId();
    }

    private static Booked booked(String text) {
        String[] parts = text.split("/");
        return new Booked(Long.parseLong(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[0])),
                Instant.ofEpochSecond(Long.parseLong(parts[1])));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
