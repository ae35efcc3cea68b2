package com.ceki.events;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Corrections: an attendee other than an event's owner changes nothing on it directly; each field they change
 * becomes a correction, which they vote up by proposing it. When more than half of the event's attendees have voted
 * up, the correction is applied in the same transaction as the deciding vote (both on the versions read, so
 * parallel deciding votes apply it exactly once), and only if the field still holds what it held when proposed:
 * otherwise it is closed as stale and the vote is a 409. A majority down closes it unapplied.
 */
public final class Corrections {

    private static final int ATTEMPTS = 10;

    private final Table table;
    private final EventRepository events;
    private final EventChanger changer;
    private final IdGenerator ids;
    private final Clock clock;

    public Corrections(Table table, EventRepository events, EventChanger changer, IdGenerator ids, Clock clock) {
        this.table = table;
        this.events = events;
        this.changer = changer;
        this.ids = ids;
        this.clock = clock;
    }

    /** The attendee's proposed changes as open corrections (with their own vote up), all written together. */
    public List<Correction> propose(long callerId, EventRepository.Parts parts, Map<String, String> changes,
                                    EventChanges rules) {
        requireAttendee(parts, callerId);
        rules.requireCorrectable(parts.event());
        if (changes.isEmpty()) {
            throw ValidationFailed.of("body", "Nothing in the request differs from the event.");
        }
        rules.requireFields(callerId, parts.event(), changes.keySet(), true);
        Instant now = clock.instant();
        List<Correction> proposed = new ArrayList<>();
        WriteTransaction tx = new WriteTransaction(table);
        changes.forEach((field, value) -> {
            Correction c = new Correction(ids.next(), parts.event().id(), callerId, field, value,
                    FieldChanges.valueOf(parts.event(), field), Correction.OPEN, Map.of(callerId, true), 0, now, now);
            events.createCorrection(tx, c);
            proposed.add(c);
        });
        if (!tx.commit().committed()) {
            throw new ServiceUnavailable("Could not record the corrections; try again.");
        }
        return proposed;
    }

    /**
     * {@code callerId}'s vote on a correction of an event they attend (a second vote replaces the first); applies or
     * closes it when a majority is reached. {@code rulesOf} gives the event's billable rules.
     */
    public Correction vote(long callerId, long correctionId, boolean up, Function<Event, EventChanges> rulesOf) {
        long eventId = events.eventOfCorrection(correctionId).orElseThrow(() -> new NotFound("Correction not found."));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            EventRepository.Parts parts = events.parts(eventId).filter(p -> !p.event().isDeleted())
                    .orElseThrow(() -> new NotFound("Correction not found."));
            Correction before = parts.corrections().stream().filter(c -> c.id() == correctionId).findFirst()
                    .orElseThrow(() -> new NotFound("Correction not found."));
            requireAttendee(parts, callerId);
            if (!before.isOpen()) {
                throw new Conflict("This correction is closed (" + before.status() + ").");
            }
            Event event = parts.event();
            EventChanges rules = rulesOf.apply(event);
            rules.requireCorrectable(event); // its field was checked when it was proposed
            Map<Long, Boolean> votes = new HashMap<>(before.votes());
            votes.put(callerId, up);
            // The majority is of the attendees now: the vote of someone no longer attending does not count.
            Set<Long> attending = parts.attendances().stream().map(Attendance::userId).collect(Collectors.toSet());
            int attendees = attending.size();
            long ups = votes.entrySet().stream().filter(v -> attending.contains(v.getKey()) && v.getValue()).count();
            long downs = votes.entrySet().stream().filter(v -> attending.contains(v.getKey()) && !v.getValue()).count();
            Instant now = clock.instant();
            if (ups * 2 > attendees) {
                if (!Objects.equals(FieldChanges.valueOf(event, before.field()), before.oldValue())) {
                    Correction stale = closed(before, votes, Correction.STALE, now);
                    if (commitAlone(before, stale)) {
                        throw new Conflict("This correction is stale: its " + before.field() + " changed since it was proposed.");
                    }
                    continue;
                }
                Event changed = rules.settle(event, FieldChanges.apply(event.toBuilder(), event, before.field(), before.value())
                        .changedAt(now));
                Correction applied = closed(before, votes, Correction.APPLIED, now);
                if (changer.attempt(event, changed, rules, tx -> events.replaceCorrection(tx, before, applied))
                        == EventChanger.Outcome.CHANGED) {
                    return applied;
                }
                continue; // another vote, or another change of the event, committed first: read and count again
            }
            Correction counted = downs * 2 > attendees ? closed(before, votes, Correction.REJECTED, now)
                    : new Correction(before.id(), before.eventId(), before.userId(), before.field(), before.value(),
                    before.oldValue(), Correction.OPEN, votes, before.version() + 1, before.createdAt(), now);
            if (commitAlone(before, counted)) {
                return counted;
            }
        }
        throw new ServiceUnavailable("The correction is busy; try again.");
    }

    /** {@code POST /api/events/{event}/vote}: one vote on each listed correction of that event. */
    public List<Correction> voteAll(long callerId, long eventId, List<Long> correctionIds, boolean up,
                                    Function<Event, EventChanges> rulesOf) {
        EventRepository.Parts parts = events.parts(eventId).orElseThrow(() -> new NotFound("Event not found."));
        for (int i = 0; i < correctionIds.size(); i++) {
            long id = correctionIds.get(i);
            if (parts.corrections().stream().noneMatch(c -> c.id() == id)) {
                throw ValidationFailed.of("ids." + i, "The selected ids." + i + " is invalid.");
            }
        }
        List<Correction> result = new ArrayList<>();
        for (Long id : correctionIds.stream().distinct().toList()) {
            result.add(vote(callerId, id, up, rulesOf));
        }
        return result;
    }

    private boolean commitAlone(Correction before, Correction after) {
        WriteTransaction tx = new WriteTransaction(table);
        events.replaceCorrection(tx, before, after);
        return tx.commit().committed();
    }

    private static Correction closed(Correction c, Map<Long, Boolean> votes, String status, Instant now) {
        return new Correction(c.id(), c.eventId(), c.userId(), c.field(), c.value(), c.oldValue(), status, votes,
                c.version() + 1, c.createdAt(), now);
    }

    private static void requireAttendee(EventRepository.Parts parts, long callerId) {
        if (parts.attendanceOf(callerId).isEmpty()) {
            throw new Forbidden("Only the event's attendees propose and vote on corrections.");
        }
    }
}
