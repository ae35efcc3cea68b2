package com.ceki.events;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Files attached to an event ({@code POST /api/files} with {@code event} and {@code event_id}): a person attaches
 * files to the events they own or that are for them (a hand's time entry, their booking), at most
 * {@link #MAX_FILES} an event; anyone else's event is not found.
 */
public final class EventFiles {

    public static final int MAX_FILES = 20;

    private final Table table;
    private final EventRepository events;
    private final Clock clock;

    public EventFiles(Table table, EventRepository events, Clock clock) {
        this.table = table;
        this.events = events;
        this.clock = clock;
    }

    /** Checks, before anything is uploaded, that {@code adding} files may be attached to the event. */
    public void requireAttachable(long callerId, long eventId, int adding) {
        Event event = attachable(callerId, eventId);
        if (event.files().size() + adding > MAX_FILES) {
            throw ValidationFailed.of("event", "An event has at most " + MAX_FILES + " files; this one has "
                    + event.files().size() + ".");
        }
    }

    /** Adds the files to the event (a concurrent change of it is read again and the files added to that). */
    public Event attach(long callerId, long eventId, List<Long> fileIds) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            Event before = attachable(callerId, eventId);
            List<Long> files = new ArrayList<>(before.files());
            fileIds.stream().filter(id -> !files.contains(id)).forEach(files::add);
            Event after = before.toBuilder().files(files).changedAt(clock.instant());
            WriteTransaction tx = new WriteTransaction(table);
            events.replace(tx, before, after);
            if (tx.commit().committed()) {
                return after;
            }
        }
        throw new Conflict("The event kept changing while its files were attached; try again.");
    }

    private Event attachable(long callerId, long eventId) {
        return events.find(eventId).filter(e -> !e.isDeleted() && (e.userId() == callerId
                        || (e.benefitableUserId() != null && e.benefitableUserId() == callerId)))
                .orElseThrow(() -> new NotFound("Event not found."));
    }
}
