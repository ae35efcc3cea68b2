package com.ceki.events;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.storage.Backoff;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a change of one event: the event on the {@code sequence} it was read at, what its billable's
 * {@link EventChanges} add (locks, read afresh on every attempt), and what the caller adds (a correction's vote),
 * all in one transaction. Lost races on locks are retried; an event changed by someone else meanwhile is a 409.
 */
public final class EventChanger {

    /**
     * How a change ended: written, or refused because the event changed meanwhile or the caller's own writes were
     * refused (the caller re-reads and decides again).
     */
    public enum Outcome { CHANGED, EVENT_CHANGED, EXTRA_REFUSED }

    private static final int ATTEMPTS = 25;

    private final Table table;
    private final EventRepository events;

    public EventChanger(Table table, EventRepository events) {
        this.table = table;
        this.events = events;
    }

    /** The change written, or 409 when someone else changed the event meanwhile. */
    public Outcome change(Event before, Event after, EventChanges changes, Consumer<WriteTransaction> extra) {
        return change(before, after, changes, events.attendances(before.id()), extra);
    }

    /**
     * The same, moving only {@code attendances} with the event's time: those {@code extra} deletes are left out, as
     * one transaction may not write an item twice.
     */
    public Outcome change(Event before, Event after, EventChanges changes, List<Attendance> attendances,
                          Consumer<WriteTransaction> extra) {
        Outcome outcome = attempt(before, after, changes, attendances, extra);
        if (outcome == Outcome.EVENT_CHANGED) {
            throw new Conflict("This event changed meanwhile; read it again.");
        }
        return outcome;
    }

    /** The change written, or why not: for callers that re-read and decide again (a vote). */
    public Outcome attempt(Event before, Event after, EventChanges changes, Consumer<WriteTransaction> extra) {
        return attempt(before, after, changes, events.attendances(before.id()), extra);
    }

    private Outcome attempt(Event before, Event after, EventChanges changes, List<Attendance> attendances,
                            Consumer<WriteTransaction> extra) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            WriteTransaction tx = new WriteTransaction(table);
            events.replace(tx, before, after, attendances);
            int locksFrom = tx.size();
            changes.prepare(before, after, tx);
            int extraFrom = tx.size();
            extra.accept(tx);
            WriteTransaction.Outcome outcome = tx.commit();
            if (outcome.committed()) {
                return Outcome.CHANGED;
            }
            if (outcome.failedConditions().stream().anyMatch(i -> i < locksFrom)) {
                return Outcome.EVENT_CHANGED;
            }
            if (outcome.failedConditions().stream().anyMatch(i -> i >= extraFrom)) {
                return Outcome.EXTRA_REFUSED;
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("The event is busy; try again.");
    }
}
