package com.ceki.schedules.user;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.events.Event;
import com.ceki.events.EventChanges;
import com.ceki.schedules.availability.Availability;
import com.ceki.storage.WriteTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changing a booking means for its schedule: a new time must fit the schedule's availability (in its zone)
 * and lie in the future, and a confirmed booking moves in the day locks (out of the days it left, into the days it
 * now touches, refused with 409 if another confirmed booking holds the time); a cancelled one frees its time.
 * A booking in progress or done still holds its time. Its price is the schedule's managers' to change, and a
 * payment on a schedule is a record that never changes.
 */
public final class BookingChanges implements EventChanges {

    private final UserScheduleRepository schedules;
    private final UserSchedules access;
    private final ScheduleEvents events;
    private final Clock clock;

    public BookingChanges(UserScheduleRepository schedules, UserSchedules access, ScheduleEvents events, Clock clock) {
        this.schedules = schedules;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void requireCorrectable(Event event) {
        if (event.typeId() == Event.TYPE_PAYMENT) {
            throw new Conflict("A payment is a record and does not change.");
        }
    }

    /**
     * The price of a booking is set as booking sets it, by those who may write the schedule's events: directly when
     * they booked it, else as a correction its attendees vote on (the booker agrees to the new price).
     */
    @Override
    public void requireFields(long callerId, Event event, Set<String> fields, boolean byVote) {
        if (fields.contains("amount") && access.access(callerId, event.billableId()).role().write() < ScheduleRole.WRITE_EVENTS) {
            throw new Forbidden("Only the schedule's managers change or propose a booking's price.");
        }
    }

    /** Whether a booking in this status holds its time in the day locks. */
    static boolean holdsTime(int statusId) {
        return statusId == Event.STATUS_CONFIRMED || statusId == Event.STATUS_RUNNING || statusId == Event.STATUS_DONE;
    }

    @Override
    public void prepare(Event before, Event after, WriteTransaction tx) {
        boolean moved = !Objects.equals(before.start(), after.start()) || !Objects.equals(before.end(), after.end());
        boolean held = holdsTime(before.statusId());
        boolean holds = holdsTime(after.statusId());
        if (!moved && held == holds) {
            return;
        }
        UserSchedule schedule = schedules.find(before.billableId()).orElseThrow();
        ZoneId zone = ZoneId.of(schedule.timezone());
        if (moved) {
            requireBookable(schedule, zone, after);
        }
        Map<LocalDate, ScheduleEvents.BookedDay> days = new LinkedHashMap<>();
        List<LocalDate> dates = new ArrayList<>();
        if (held) {
            dates.addAll(touched(before, zone));
        }
        if (holds) {
            dates.addAll(touched(after, zone));
        }
        dates.stream().distinct().forEach(d -> days.put(d, events.day(schedule.id(), d.toString())));
        for (ScheduleEvents.BookedDay day : days.values()) {
            List<ScheduleEvents.Booked> kept = new ArrayList<>(day.bookings().stream().filter(b -> b.eventId() != before.id()).toList());
            if (holds && touched(after, zone).contains(LocalDate.parse(day.date()))) {
                if (kept.stream().anyMatch(b -> b.overlaps(after.start(), after.end()))) {
                    throw new Conflict("This time is already booked.");
                }
                kept.add(new ScheduleEvents.Booked(after.id(), after.start(), after.end()));
            }
            events.writeDay(tx, schedule.id(), day, kept);
        }
    }

    private void requireBookable(UserSchedule schedule, ZoneId zone, Event after) {
        Instant windowStart = schedule.start() != null ? schedule.start() : schedule.createdAt();
        Availability availability = Availability.of(schedule.settings(), zone, windowStart, schedule.end(), schedule.duration());
        int minutes = (int) Duration.between(after.start(), after.end()).toMinutes();
        availability.resolve(LocalDate.ofInstant(after.start(), zone), LocalTime.ofInstant(after.start(), zone), minutes);
        if (!after.start().isAfter(clock.instant())) {
            throw ValidationFailed.of("start", "The start field must be a time in the future.");
        }
    }

    /** The local dates a booking touches (two when it runs past midnight). */
    static List<LocalDate> touched(Event booking, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(booking.start(), zone);
        LocalDate last = LocalDate.ofInstant(booking.end().minusNanos(1), zone);
        return last.equals(first) ? List.of(first) : List.of(first, last);
    }
}
