package com.ceki.schedules.user;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.schedules.availability.Availability;
import com.ceki.storage.Backoff;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Booking a schedule, relabelling its bookings and recording payments for them. A booking must fit the
 * schedule's availability ({@link Availability}, evaluated in the schedule's zone) and, when confirmed, must not
 * overlap another confirmed booking: {@link ScheduleEvents#book} makes that a conditional write on the day's lock,
 * so of parallel requests for one time exactly one succeeds and the others get 409.
 */
public final class Bookings {

    /** How often a booking re-reads its day after losing a race before giving up with 503. */
    private static final int ATTEMPTS = 25;

    private final UserSchedules schedules;
    private final ScheduleEvents events;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public Bookings(UserSchedules schedules, ScheduleEvents events, UserRepository users, IdGenerator ids, Clock clock) {
        this.schedules = schedules;
        this.events = events;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /** Books {@code body} (see {@link BookingRules}), read once the schedule, and so its currency, is known. */
    public Event book(long callerId, long scheduleId, JsonNode body) {
        UserSchedules.Accessed accessed = schedules.access(callerId, scheduleId);
        UserSchedule schedule = accessed.schedule();
        // A private schedule is invisible (404) to those who may not read it; readers without the level get 403.
        if (schedule.isPrivate() && !accessed.role().canRead()) {
            throw new NotFound("Schedule not found.");
        }
        accessed.role().requireBook(schedule);
        if (schedule.userId() != callerId) { // the owner booking their own is not banned (Access.USER refused that)
            schedules.requireOwnerNotBanned(schedule);
        }
        BookingRules.Input in = BookingRules.read(body, schedule.currency());
        ZoneId zone = ZoneId.of(schedule.timezone());
        Instant windowStart = schedule.start() != null ? schedule.start() : schedule.createdAt();
        Availability availability = Availability.of(schedule.settings(), zone, windowStart, schedule.end(), schedule.duration());
        // The schedule's rules are local to its zone: a time sent as an instant, or in another zone, is placed there.
        Instant requested = in.time().instant() != null || in.time().zone() != null ? in.time().startInstant(zone) : null;
        LocalDate date = requested != null ? LocalDate.ofInstant(requested, zone) : in.time().date();
        LocalTime start = requested != null ? LocalTime.ofInstant(requested, zone) : in.time().start();
        Integer sent = in.time().length(zone, null);
        int minutes = sent != null ? sent : availability.defaultDuration(date, start, defaultDuration(schedule));
        Availability.Slot resolved = availability.resolve(date, start, minutes);
        // In an autumn overlap the local time happens twice; an instant says which of the two it means.
        Availability.Slot slot = requested == null || requested.equals(resolved.start()) ? resolved
                : new Availability.Slot(requested, requested.plus(Duration.ofMinutes(minutes)), resolved.date(), resolved.template());
        if (!slot.start().isAfter(clock.instant())) {
            throw ValidationFailed.of("start", "The start field must be a time in the future.");
        }
        boolean manager = accessed.role().write() >= ScheduleRole.WRITE_EVENTS;
        BigDecimal amount = manager && in.price() != null ? in.price() : price(schedule, slot);
        String currency = manager && in.currency() != null ? in.currency() : currency(schedule, slot);
        Map<String, Long> attendeeIds = users.findIdsByEmail(Attendance.emails(in.attendees()));
        Instant now = clock.instant();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Event event = Event.builder(ids.next(), Event.TYPE_MEETING, callerId, now).status(in.statusId())
                    .billable(Event.SCHEDULE, scheduleId).kal(schedule.kalId()).label(in.label()).externalId(in.externalId())
                    .description(in.description()).timezone(schedule.timezone())
                    .time(slot.start(), slot.end(), (int) slot.minutes()).date(slot.date().toString())
                    .money(amount, BigDecimal.ZERO, currency).attendees(in.attendees()).files(in.files()).build();
            // The booker owns it; the schedule's owner hosts it, in the schedule's kal.
            List<Attendance> attendances = Attendance.of(event, schedule.userId(), schedule.kalId(), in.attendees(), attendeeIds, now);
            if (in.externalId() != null && attempt == 1 && events.hasExternalId(callerId, in.externalId())) {
                throw new Conflict("You already have an event with this external id.");
            }
            if (!BookingChanges.holdsTime(in.statusId())) { // a new booking takes no time
                if (events.put(event, attendances)) {
                    return event;
                }
                continue;
            }
            List<ScheduleEvents.BookedDay> days = new ArrayList<>();
            for (LocalDate day : touchedDates(slot, zone)) {
                days.add(events.day(scheduleId, day.toString()));
            }
            if (availability.singleEvent() && !days.get(0).bookings().isEmpty()) {
                throw new Conflict("This schedule takes one booking a day, and " + slot.date() + " is booked.");
            }
            if (days.stream().anyMatch(day -> day.overlaps(slot.start(), slot.end()))) {
                throw new Conflict("This time is already booked.");
            }
            if (events.book(event, attendances, days) == ScheduleEvents.Outcome.BOOKED) {
                return event;
            }
            Backoff.pause(attempt); // lost a race for the day (or minted a taken id): re-read and decide again
        }
        throw new ServiceUnavailable("The schedule is busy; try again.");
    }

    /** Relabels the listed bookings of the schedule; every id must be one of its bookings (422 otherwise). */
    public List<Event> relabel(long callerId, long scheduleId, String label, List<Long> eventIds) {
        schedules.access(callerId, scheduleId).role().requireWrite(ScheduleRole.WRITE_EVENTS);
        requireBookings(scheduleId, eventIds);
        List<Event> result = new ArrayList<>();
        for (Long id : eventIds.stream().distinct().toList()) {
            result.add(relabel(scheduleId, id, label));
        }
        return result;
    }

    private Event relabel(long scheduleId, long eventId, String label) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Event before = events.findAll(scheduleId, List.of(eventId)).get(eventId);
            Event after = before.toBuilder().label(label).changedAt(clock.instant());
            if (events.replace(before, after)) {
                return after;
            }
            Backoff.pause(attempt); // changed by someone else meanwhile (a payment): apply the label to what is there now
        }
        throw new ServiceUnavailable("The schedule is busy; try again.");
    }

    /** The payment event and the bookings it paid for. */
    public record Payment(Event payment, List<Event> events) {}

    /**
     * Records a payment for the listed bookings: it covers what each still owes, in the order listed, until the
     * amount runs out (paid 200, partly paid 300). One transaction with the payment event; a concurrent payment
     * for the same bookings makes it re-read and allocate again.
     */
    public Payment recordPayment(long callerId, long scheduleId, JsonNode body) {
        UserSchedules.Accessed accessed = schedules.access(callerId, scheduleId);
        accessed.role().requireWrite(ScheduleRole.WRITE_EVENTS);
        UserSchedule schedule = accessed.schedule();
        PaymentRules.Input in = PaymentRules.read(body, schedule.currency());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<Long, Event> found = requireBookings(scheduleId, in.ids());
            BigDecimal left = in.amount();
            List<ScheduleEvents.PaymentUpdate> updates = new ArrayList<>();
            List<Event> paid = new ArrayList<>();
            Instant now = clock.instant();
            for (Long id : in.ids().stream().distinct().toList()) {
                Event e = found.get(id);
                BigDecimal share = left.min(e.outstanding());
                if (share.signum() <= 0) {
                    paid.add(e);
                    continue;
                }
                left = left.subtract(share);
                Event after = e.toBuilder().money(e.amount(), e.paid().add(share), e.currency()).changedAt(now);
                updates.add(new ScheduleEvents.PaymentUpdate(e, after));
                paid.add(after);
            }
            Event payment = Event.builder(ids.next(), Event.TYPE_PAYMENT, callerId, now).status(Event.STATUS_CONFIRMED)
                    .billable(Event.SCHEDULE, scheduleId).kal(schedule.kalId()).label(in.label())
                    .timezone(schedule.timezone()).date(Timestamps.seconds(in.date()))
                    .money(in.amount(), in.amount(), schedule.currency())
                    .benefitable(in.benefitableType(), in.benefitableId(), null).attendees(Json.array()).build();
            if (events.recordPayment(payment, List.of(Attendance.owner(payment.id(), callerId, schedule.kalId(), now)), updates)) {
                return new Payment(payment, paid);
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("The schedule is busy; try again.");
    }

    private Map<Long, Event> requireBookings(long scheduleId, List<Long> eventIds) {
        Map<Long, Event> found = events.findAll(scheduleId, eventIds);
        Validator v = Validator.of(Json.object());
        for (int i = 0; i < eventIds.size(); i++) {
            Event e = found.get(eventIds.get(i));
            if (e == null || e.typeId() != Event.TYPE_MEETING) {
                v.fail("ids." + i, "The selected ids." + i + " is invalid.");
            }
        }
        v.check();
        return found;
    }

    /**
     * A template's own price (validated to its currency's decimals, so taken as it is); else the schedule's price
     * for its duration, pro rata for the booked minutes, rounded half up to the decimals of the schedule's currency.
     */
    private static BigDecimal price(UserSchedule schedule, Availability.Slot slot) {
        JsonNode template = template(schedule, slot);
        if (template != null && template.hasNonNull("price")) {
            return template.get("price").decimalValue();
        }
        if (schedule.price() == null) {
            return null;
        }
        int per = defaultDuration(schedule);
        return schedule.price().multiply(BigDecimal.valueOf(slot.minutes()))
                .divide(BigDecimal.valueOf(per), PriceCurrency.decimalsOf(schedule.currency()), RoundingMode.HALF_UP);
    }

    private static String currency(UserSchedule schedule, Availability.Slot slot) {
        JsonNode template = template(schedule, slot);
        if (template != null && template.hasNonNull("currency")) {
            return template.get("currency").asText();
        }
        return schedule.currency();
    }

    private static JsonNode template(UserSchedule schedule, Availability.Slot slot) {
        if (slot.template() < 0) {
            return null;
        }
        ArrayNode templates = (ArrayNode) schedule.settings().get("events");
        return templates.get(slot.template());
    }

    /**
     * The local dates a booking touches: its own, and the next when an event template runs past midnight (at most
     * 24 hours long, so never more than two).
     */
    private static List<LocalDate> touchedDates(Availability.Slot slot, ZoneId zone) {
        LocalDate last = LocalDate.ofInstant(slot.end().minusNanos(1), zone);
        return last.equals(slot.date()) ? List.of(slot.date()) : List.of(slot.date(), last);
    }

    private static int defaultDuration(UserSchedule schedule) {
        return schedule.duration() != null ? schedule.duration() : 60;
    }
}
