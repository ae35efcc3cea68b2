package com.ceki.schedules.user;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.ceki.schedules.availability.Availability;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
    private final IdGenerator ids;
    private final Clock clock;

    public Bookings(UserSchedules schedules, ScheduleEvents events, IdGenerator ids, Clock clock) {
        this.schedules = schedules;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Books {@code body} (see {@link BookingRules}), read once the schedule, and so its currency, is known. */
    public ScheduleEvent book(long callerId, long scheduleId, JsonNode body) {
        UserSchedules.Accessed accessed = schedules.access(callerId, scheduleId);
        UserSchedule schedule = accessed.schedule();
        // A private schedule is invisible (404) to those who may not read it; readers without the level get 403.
        if (schedule.isPrivate() && !accessed.role().canRead()) {
            throw new com.ceki.core.errors.NotFound("Schedule not found.");
        }
        accessed.role().requireBook(schedule);
        if (schedule.userId() != callerId) { // the owner booking their own is not banned (Access.USER refused that)
            schedules.requireOwnerNotBanned(schedule);
        }
        BookingRules.Input in = BookingRules.read(body, schedule.currency());
        ZoneId zone = ZoneId.of(schedule.timezone());
        Instant windowStart = schedule.start() != null ? schedule.start() : schedule.createdAt();
        Availability availability = Availability.of(schedule.settings(), zone, windowStart, schedule.end(), schedule.duration());
        int minutes = in.duration() != null ? in.duration()
                : availability.defaultDuration(in.date(), in.start(), defaultDuration(schedule));
        Availability.Slot slot = availability.resolve(in.date(), in.start(), minutes);
        if (!slot.start().isAfter(clock.instant())) {
            throw ValidationFailed.of("start", "The start field must be a time in the future.");
        }
        boolean manager = accessed.role().write() >= ScheduleRole.WRITE_EVENTS;
        BigDecimal amount = manager && in.price() != null ? in.price() : price(schedule, slot);
        String currency = manager && in.currency() != null ? in.currency() : currency(schedule, slot);
        Instant now = clock.instant();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ScheduleEvent event = new ScheduleEvent(ids.next(), scheduleId, callerId, ScheduleEvent.TYPE_BOOKING,
                    in.statusId(), schedule.kalId(), in.label(), in.description(), schedule.timezone(), slot.start(),
                    slot.end(), (int) slot.minutes(), amount, currency, slot.date().toString(),
                    amount == null || amount.signum() == 0 ? ScheduleEvent.PAID : ScheduleEvent.UNPAID, BigDecimal.ZERO,
                    in.attendees(), in.files(), null, null, now, now);
            if (in.statusId() != ScheduleEvent.STATUS_CONFIRMED) {
                if (events.put(event)) {
                    return event;
                }
                continue;
            }
            List<ScheduleEvents.BookedDay> days = new ArrayList<>();
            for (LocalDate date : touchedDates(slot, zone)) {
                days.add(events.day(scheduleId, date.toString()));
            }
            if (availability.singleEvent() && !days.get(0).bookings().isEmpty()) {
                throw new Conflict("This schedule takes one booking a day, and " + slot.date() + " is booked.");
            }
            if (days.stream().anyMatch(day -> day.overlaps(slot.start(), slot.end()))) {
                throw new Conflict("This time is already booked.");
            }
            if (events.book(event, days) == ScheduleEvents.Outcome.BOOKED) {
                return event;
            }
            pause(attempt); // lost a race for the day (or minted a taken id): re-read and decide again
        }
        throw new ServiceUnavailable("The schedule is busy; try again.");
    }

    /** Relabels the listed bookings of the schedule; every id must be one of its events (422 otherwise). */
    public List<ScheduleEvent> relabel(long callerId, long scheduleId, String label, List<Long> eventIds) {
        schedules.access(callerId, scheduleId).role().requireWrite(ScheduleRole.WRITE_EVENTS);
        Map<Long, ScheduleEvent> found = requireEvents(scheduleId, eventIds);
        Instant now = clock.instant();
        List<ScheduleEvent> result = new ArrayList<>();
        for (Long id : eventIds.stream().distinct().toList()) {
            result.add(events.relabel(scheduleId, found.get(id).id(), label, now));
        }
        return result;
    }

    /** The payment event and the bookings it paid for. */
    public record Payment(ScheduleEvent payment, List<ScheduleEvent> events) {}

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
            Map<Long, ScheduleEvent> found = requireEvents(scheduleId, in.ids());
            BigDecimal left = in.amount();
            List<ScheduleEvents.PaymentUpdate> updates = new ArrayList<>();
            List<ScheduleEvent> paid = new ArrayList<>();
            Instant now = clock.instant();
            for (Long id : in.ids().stream().distinct().toList()) {
                ScheduleEvent e = found.get(id);
                BigDecimal share = left.min(e.outstanding());
                if (share.signum() <= 0) {
                    paid.add(e);
                    continue;
                }
                left = left.subtract(share);
                BigDecimal after = e.paid().add(share);
                int status = after.compareTo(e.amount()) >= 0 ? ScheduleEvent.PAID : ScheduleEvent.PARTLY_PAID;
                updates.add(new ScheduleEvents.PaymentUpdate(e, e.paid(), after, status));
                paid.add(withPayment(e, after, status, now));
            }
            ScheduleEvent payment = new ScheduleEvent(ids.next(), scheduleId, callerId, ScheduleEvent.TYPE_PAYMENT,
                    ScheduleEvent.STATUS_CONFIRMED, schedule.kalId(), in.label(), null, schedule.timezone(), null, null,
                    null, in.amount(), schedule.currency(), Timestamps.seconds(in.date()), ScheduleEvent.PAID, in.amount(),
                    Json.array(), List.of(), in.benefitableType(), in.benefitableId(), now, now);
            if (events.recordPayment(payment, updates, now)) {
                return new Payment(payment, paid);
            }
            pause(attempt);
        }
        throw new ServiceUnavailable("The schedule is busy; try again.");
    }

    private Map<Long, ScheduleEvent> requireEvents(long scheduleId, List<Long> eventIds) {
        Map<Long, ScheduleEvent> found = events.findAll(scheduleId, eventIds);
        Validator v = Validator.of(Json.object());
        for (int i = 0; i < eventIds.size(); i++) {
            ScheduleEvent e = found.get(eventIds.get(i));
            if (e == null || e.typeId() != ScheduleEvent.TYPE_BOOKING) {
                v.fail("ids." + i, "The selected ids." + i + " is invalid.");
            }
        }
        v.check();
        return found;
    }

    private static ScheduleEvent withPayment(ScheduleEvent e, BigDecimal paid, int status, Instant now) {
        return new ScheduleEvent(e.id(), e.scheduleId(), e.userId(), e.typeId(), e.statusId(), e.kalId(), e.label(),
                e.description(), e.timezone(), e.start(), e.end(), e.duration(), e.amount(), e.currency(), e.date(), status,
                paid, e.attendees(), e.files(), e.benefitableType(), e.benefitableId(), e.createdAt(), now);
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

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L + 5L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("Interrupted; try again.");
        }
    }
}
