package com.ceki.events;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A person's own time tracker: an event of theirs (type 2, no billable) that runs (555) until stopped (777). One
 * runs at a time: {@code USER#<user> / TRACKER} names it, set on condition that none is. A tracker may track an
 * event ({@code POST /api/events/{event}/start} of a booking): that event is in progress while it runs and done
 * when it stops, each step written with what its billable's {@link EventChanges} add (a booking's day locks).
 */
public final class Trackers {

    /** A tracker as a request left it: started (201) or stopped (200). */
    public record Result(Event tracker, boolean started) {}

    /** A person's own events (trackers, copies): a running tracker is stopped before it is changed. */
    public static final EventChanges CHANGES = new EventChanges() {
        @Override
        public void requireCorrectable(Event event) {
            // A copy keeps its original's status (555 too) but no clock runs it: only a tracker itself is held.
            boolean tracker = event.typeId() == Event.TYPE_TIME && event.originId() == null;
            if (tracker && event.statusId() == Event.STATUS_RUNNING) {
                throw new Conflict("This tracker is running: stop it (POST /api/trackers) before changing it.");
            }
        }

        @Override
        public void prepare(Event before, Event after, WriteTransaction tx) {}
    };

    private final Table table;
    private final EventRepository events;
    private final IdGenerator ids;
    private final Clock clock;

    public Trackers(Table table, EventRepository events, IdGenerator ids, Clock clock) {
        this.table = table;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * {@code POST /api/trackers}: stops the running tracker if there is one (and the event it tracks, by
     * {@code rulesOf} that event's billable rules), else starts one in {@code zone}.
     */
    public Result toggle(long userId, ZoneId zone, Function<Event, EventChanges> rulesOf) {
        Optional<Long> running = running(userId);
        if (running.isPresent()) {
            return new Result(stop(userId, running.get(), rulesOf), false);
        }
        return new Result(start(userId, zone, null, null, CHANGES), true);
    }

    /**
     * Starts a tracker, of {@code tracked} if given (which is then in progress, with what {@code rules}, its
     * billable's, add); 409 when one runs already.
     */
    public Event start(long userId, ZoneId zone, Event tracked, String label, EventChanges rules) {
        Instant now = clock.instant();
        for (int attempt = 1; attempt <= 3; attempt++) {
            Optional<Long> running = running(userId);
            if (running.isPresent()) {
                throw new Conflict("A tracker is already running: event " + running.get() + ".");
            }
            Event.Builder builder = Event.builder(ids.next(), Event.TYPE_TIME, userId, now).status(Event.STATUS_RUNNING)
                    .timezone(zone.getId()).time(now, null, null).date(LocalDate.ofInstant(now, zone).toString())
                    .label(label != null ? label : tracked != null ? tracked.label() : null)
                    .money(null, BigDecimal.ZERO, null).attendees(Json.array());
            if (tracked != null) {
                builder.parent(tracked.id()).data(Json.object().put("trackable_type", "Event").put("trackable_id", tracked.id()));
            }
            Event tracker = builder.build();
            WriteTransaction tx = new WriteTransaction(table);
            events.create(tx, tracker, List.of(Attendance.owner(tracker.id(), userId, null, now)));
            tx.put(Item.key(Keys.user(userId), Keys.TRACKER).s("type", "tracker").n("running_event_id", tracker.id()),
                    p -> p.conditionExpression("attribute_not_exists(running_event_id)"));
            if (tracked != null) {
                Event inProgress = tracked.toBuilder().status(Event.STATUS_RUNNING).changedAt(now);
                events.replace(tx, tracked, inProgress);
                rules.prepare(tracked, inProgress, tx);
            }
            if (tx.commit().committed()) {
                return tracker;
            }
        }
        throw new ServiceUnavailable("The tracker is busy; try again.");
    }

    private Event stop(long userId, long trackerId, Function<Event, EventChanges> rulesOf) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            Event running = events.find(trackerId).orElseThrow();
            Instant now = clock.instant();
            int minutes = (int) Duration.between(running.start(), now).toMinutes();
            Event stopped = running.toBuilder().status(Event.STATUS_DONE).time(running.start(), now, minutes).changedAt(now);
            WriteTransaction tx = new WriteTransaction(table);
            events.replace(tx, running, stopped);
            tx.update(Item.key(Keys.user(userId), Keys.TRACKER), u -> u.updateExpression("REMOVE running_event_id")
                    .conditionExpression("running_event_id = :id").expressionAttributeValues(Map.of(":id", Item.attr(trackerId))));
            if (running.parentId() != null) {
                events.find(running.parentId()).filter(e -> e.statusId() == Event.STATUS_RUNNING).ifPresent(tracked -> {
                    Event done = tracked.toBuilder().status(Event.STATUS_DONE).changedAt(now);
                    events.replace(tx, tracked, done);
                    rulesOf.apply(tracked).prepare(tracked, done, tx);
                });
            }
            if (tx.commit().committed()) {
                return stopped;
            }
            if (running(userId).map(id -> id != trackerId).orElse(true)) {
                return events.find(trackerId).orElseThrow(); // stopped by a parallel request
            }
        }
        throw new ServiceUnavailable("The tracker is busy; try again.");
    }

    private Optional<Long> running(long userId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(Item.key(Keys.user(userId), Keys.TRACKER).map())).item());
        return item.has("running_event_id") ? Optional.of(item.number("running_event_id")) : Optional.empty();
    }
}
