package com.ceki.agenda;

import com.ceki.calendars.Kal;
import com.ceki.calendars.KalRepository;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.work.Clocks;
import com.ceki.contracts.work.ContractEventChanges;
import com.ceki.contracts.work.ContractEvents;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.paging.Page;
import com.ceki.events.Attendance;
import com.ceki.events.Correction;
import com.ceki.events.Corrections;
import com.ceki.events.Event;
import com.ceki.events.EventChanger;
import com.ceki.events.EventChanges;
import com.ceki.events.EventRepository;
import com.ceki.events.FieldChanges;
import com.ceki.events.PersonalEvents;
import com.ceki.events.Trackers;
import com.ceki.schedules.user.BookingChanges;
import com.ceki.schedules.user.UserSchedules;
import com.ceki.storage.Backoff;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's events whatever they belong to (API.md, "Events, corrections, trackers"): an event is readable by its
 * attendees and by whoever's role on its schedule or contract lets them read it, and not found by anyone else.
 * Its owner changes it directly (within what its schedule or contract allows: {@link EventChanges}); another
 * attendee's change becomes corrections the attendees vote on ({@link Corrections}). Attendees accept or decline
 * for themselves. Starting an event runs a clock: a hand's for a contract's event, the person's tracker otherwise.
 */
public final class Agenda {

    /** An event as the caller sees it: its parts, their own attendance (null when they have none), their kals of it. */
    public record Detail(EventRepository.Parts parts, Attendance pivot, List<Kal> kals) {}

    private final Table table;
    private final EventRepository events;
    private final EventChanger changer;
    private final Corrections corrections;
    private final Trackers trackers;
    private final PersonalEvents personal;
    private final UserSchedules schedules;
    private final BookingChanges bookingChanges;
    private final Contracts contracts;
    private final ContractEventChanges contractChanges;
    private final Clocks clocks;
    private final KalRepository kals;
    private final Clock clock;

    public Agenda(Table table, EventRepository events, Corrections corrections, Trackers trackers, PersonalEvents personal,
                  UserSchedules schedules, BookingChanges bookingChanges, Contracts contracts,
                  ContractEventChanges contractChanges, Clocks clocks, KalRepository kals, Clock clock) {
        this.table = table;
        this.events = events;
        this.changer = new EventChanger(table, events);
        this.corrections = corrections;
        this.trackers = trackers;
        this.personal = personal;
        this.schedules = schedules;
        this.bookingChanges = bookingChanges;
        this.contracts = contracts;
        this.contractChanges = contractChanges;
        this.clocks = clocks;
        this.kals = kals;
        this.clock = clock;
    }

    /** {@code GET /api/events/{event}}. */
    public Detail read(long callerId, long eventId) {
        EventRepository.Parts parts = readable(callerId, eventId);
        Attendance pivot = parts.attendanceOf(callerId).orElse(null);
        List<Kal> shown = pivot == null || pivot.kalId() == null ? List.of()
                : kals.find(callerId, pivot.kalId()).map(List::of).orElse(List.of());
        return new Detail(new EventRepository.Parts(shown(callerId, parts.event()), parts.attendances(), parts.corrections()),
                pivot, shown);
    }

    /** The event as the caller may see it: another hand's rate only for those the contract lets read rates. */
    private Event shown(long callerId, Event event) {
        if (event.rate() == null || !Event.CONTRACT.equals(event.billableType())) {
            return event;
        }
        try {
            return ContractEvents.shown(contracts.access(callerId, event.billableId()), event);
        } catch (NotFound notOnTheContract) {
            return event.toBuilder().rate(null).build();
        }
    }

    /**
     * {@code PUT /api/events/{event}}: the owner's change is applied at once; another attendee's becomes one
     * correction per changed field; anyone else who may read the event may not change it (403).
     */
    public Detail change(long callerId, long eventId, JsonNode body) {
        EventRepository.Parts parts = readable(callerId, eventId);
        Event event = parts.event();
        EventChanges rules = rulesOf(event);
        Map<String, String> changes = FieldChanges.read(body, event);
        if (event.userId() == callerId) {
            rules.requireChangeable(callerId, event);
            rules.requireFields(callerId, event, changes.keySet(), false);
            if (!changes.isEmpty()) {
                Event after = rules.settle(event, FieldChanges.applyAll(event, changes).changedAt(clock.instant()));
                changer.change(event, after, rules, tx -> {});
            }
        } else if (parts.attendanceOf(callerId).isPresent()) {
            corrections.propose(callerId, parts, changes, rules);
        } else {
            throw new Forbidden("Only the event's owner changes it, and its attendees propose corrections.");
        }
        return read(callerId, eventId);
    }

    /** {@code POST /api/events/{event}/vote}. */
    public List<Correction> vote(long callerId, long eventId, List<Long> correctionIds, boolean up) {
        readable(callerId, eventId);
        return corrections.voteAll(callerId, eventId, correctionIds, up, this::rulesOf);
    }

    /** {@code POST /api/corrections/{correction}/vote}. */
    public Correction vote(long callerId, long correctionId, boolean up) {
        long eventId = events.eventOfCorrection(correctionId).orElseThrow(() -> new NotFound("Correction not found."));
        readable(callerId, eventId);
        return corrections.vote(callerId, correctionId, up, this::rulesOf);
    }

    /** {@code POST /api/events/{event}/accept} and {@code /decline}: the caller's own attendance, nobody else's. */
    public Event answer(long callerId, long eventId, boolean accept) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            EventRepository.Parts parts = readable(callerId, eventId); // afresh: removed from it meanwhile is a 403
            Attendance own = parts.attendanceOf(callerId)
                    .orElseThrow(() -> new Forbidden("You are not an attendee of this event."));
            WriteTransaction tx = new WriteTransaction(table);
            events.putAttendance(tx, own.answered(accept ? Attendance.ACCEPTED : Attendance.DECLINED, clock.instant()), parts.event());
            if (tx.commit().committed()) {
                return shown(callerId, parts.event());
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("Could not save the answer; try again.");
    }

    /**
     * {@code POST /api/events/{event}/start} ({@code event}: an id, or an external id of the caller's): a contract's
     * meeting or task runs on a hand's clock, anything else on the caller's tracker; the event is in progress. Only
     * its owner and attendees start a booking or a meeting of their own, and only while it is new, confirmed or done
     * (a cancelled or declined one is not held, a payment is a record).
     */
    public Event start(long callerId, String reference, Instant date, Long handId) {
        EventRepository.Parts parts = byReference(callerId, reference);
        Event event = parts.event();
        if (Event.CONTRACT.equals(event.billableType())) {
            return shown(callerId, clocks.startEvent(callerId, event, handId, date));
        }
        if (event.userId() != callerId && parts.attendanceOf(callerId).isEmpty()) {
            throw new Forbidden("Only the event's owner and attendees start it.");
        }
        int status = event.statusId(); // in progress too: another attendee tracks their own time of it
        if (event.typeId() != Event.TYPE_MEETING || (status != Event.STATUS_NEW && status != Event.STATUS_CONFIRMED
                && status != Event.STATUS_RUNNING && status != Event.STATUS_DONE)) {
            throw new Conflict("Only a meeting that is new, confirmed, in progress or done is started (this one: type "
                    + event.typeId() + ", status " + status + ").");
        }
        ZoneId zone = event.zoneOr("UTC");
        return trackers.start(callerId, zone, event, null, rulesOf(event));
    }

    /** {@code POST /api/trackers}. */
    public Trackers.Result track(long callerId, ZoneId zone) {
        return trackers.toggle(callerId, zone, this::rulesOf);
    }

    /** {@code GET /api/events?from=&to=}. */
    public Page<Event> window(long callerId, Instant from, Instant to, int page, int perPage) {
        return personal.window(callerId, from, to, page, perPage);
    }

    /** What changing an event means for what it belongs to. */
    public EventChanges rulesOf(Event event) {
        if (Event.SCHEDULE.equals(event.billableType())) {
            return bookingChanges;
        }
        if (Event.CONTRACT.equals(event.billableType())) {
            return contractChanges;
        }
        return Trackers.CHANGES;
    }

    private EventRepository.Parts byReference(long callerId, String reference) {
        Optional<Event> byExternal = reference == null ? Optional.empty() : events.findByExternalId(callerId, reference);
        if (byExternal.isPresent()) {
            return readable(callerId, byExternal.get().id());
        }
        if (reference == null || !reference.matches("[1-9]\\d{0,15}")) {
            throw new NotFound("Event not found.");
        }
        return readable(callerId, Long.parseLong(reference));
    }

    /** The event and its parts, when the caller may read it; 404 otherwise (its existence is not revealed). */
    private EventRepository.Parts readable(long callerId, long eventId) {
        EventRepository.Parts parts = events.parts(eventId).filter(p -> !p.event().isDeleted())
                .orElseThrow(() -> new NotFound("Event not found."));
        if (parts.attendanceOf(callerId).isPresent() || parts.event().userId() == callerId || readsThrough(callerId, parts.event())) {
            return parts;
        }
        throw new NotFound("Event not found.");
    }

    /** Whether the caller's role on the event's schedule or contract lets them read it. */
    private boolean readsThrough(long callerId, Event event) {
        try {
            if (Event.SCHEDULE.equals(event.billableType())) {
                return schedules.access(callerId, event.billableId()).role().canRead();
            }
            if (Event.CONTRACT.equals(event.billableType())) {
                ContractAccess access = contracts.access(callerId, event.billableId());
                return access.isMember() && ContractEvents.visible(access, event);
            }
        } catch (NotFound gone) {
            return false;
        }
        return false;
    }
}
