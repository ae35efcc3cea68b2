package com.ceki.schedules.user;

import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A schedule's events (bookings and payments, items of the one event model: {@link EventRepository}) and the day
 * locks that keep confirmed bookings apart ({@code SCHEDULE#<n16 id> / BOOKED#<local date>}).
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

    /** A booking as a payment leaves it, written only if nothing changed it since it was read. */
    public record PaymentUpdate(Event before, Event after) {}

    private final Table table;
    private final EventRepository events;

    public ScheduleEvents(Table table, EventRepository events) {
        this.table = table;
        this.events = events;
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
     * Writes a confirmed booking, its attendances and the locks of the days it touches in one transaction, each
     * lock on the version it was read at ({@code days}).
     */
    public Outcome book(Event event, List<Attendance> attendances, List<BookedDay> days) {
        WriteTransaction tx = new WriteTransaction(table);
        events.create(tx, event, attendances);
        for (BookedDay day : days) {
            List<Booked> bookings = new ArrayList<>(day.bookings());
            bookings.add(new Booked(event.id(), event.start(), event.end()));
            writeDay(tx, event.billableId(), day, bookings);
        }
        WriteTransaction.Outcome outcome = tx.commit();
        if (outcome.committed()) {
            return Outcome.BOOKED;
        }
        return outcome.failedAt(0) ? Outcome.ID_TAKEN : Outcome.DAY_CHANGED;
    }

    /** Whether {@code userId} has an event with this external id already. */
    public boolean hasExternalId(long userId, String externalId) {
        return events.findByExternalId(userId, externalId).isPresent();
    }

    /** Rewrites a day's lock with {@code bookings} in {@code tx}, on condition that it is still the version read. */
    public void writeDay(WriteTransaction tx, long scheduleId, BookedDay day, List<Booked> bookings) {
        Item lock = Item.key(Keys.userSchedule(scheduleId), Keys.bookedDay(day.date()))
                .s("type", "booked_day").strings("bookings", bookings.stream().map(ScheduleEvents::text).toList())
                .n("version", day.version() + 1);
        if (day.version() == 0) {
            tx.putNew(lock);
        } else {
            tx.putIfUnchanged(lock, "version", Item.attr(day.version()));
        }
    }

    /** Writes a booking that takes no day lock (not yet confirmed); false when the id is taken. */
    public boolean put(Event event, List<Attendance> attendances) {
        WriteTransaction tx = new WriteTransaction(table);
        events.create(tx, event, attendances);
        return tx.commit().committed();
    }

    /** The events among {@code ids} that belong to the schedule, by id: another schedule's count as absent. */
    public Map<Long, Event> findAll(long scheduleId, List<Long> ids) {
        Map<Long, Event> found = new HashMap<>();
        events.findAll(ids).forEach((id, e) -> {
            if (e.belongsTo(Event.SCHEDULE, scheduleId)) {
                found.put(id, e);
            }
        });
        return found;
    }

    /** Writes a changed booking; false when it changed since it was read (the caller re-reads). */
    public boolean replace(Event before, Event after) {
        WriteTransaction tx = new WriteTransaction(table);
        events.replace(tx, before, after);
        return tx.commit().committed();
    }

    /**
     * Records a payment event and what it covers of each booking, in one transaction: false when a booking changed
     * since it was read (a concurrent payment), so nothing was written and the caller re-reads.
     */
    public boolean recordPayment(Event payment, List<Attendance> attendances, List<PaymentUpdate> updates) {
        WriteTransaction tx = new WriteTransaction(table);
        events.create(tx, payment, attendances);
        updates.forEach(u -> events.replace(tx, u.before(), u.after()));
        return tx.commit().committed();
    }

    private static String text(Booked b) {
        return b.start().getEpochSecond() + "/" + b.end().getEpochSecond() + "/" + b.eventId();
    }

    private static Booked booked(String text) {
        String[] parts = text.split("/");
        return new Booked(Long.parseLong(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[0])),
                Instant.ofEpochSecond(Long.parseLong(parts[1])));
    }
}
