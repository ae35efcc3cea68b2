package com.ceki.events;

import com.ceki.storage.WriteTransaction;
import java.util.Set;

/**
 * What changing an event means for what it belongs to, beyond the event item: a booking's time is checked against
 * its schedule and moved in the day locks, a contract's time entry is checked against its hand's weeks and its
 * amount follows its minutes, a locked transaction is not changed at all. Each billable kind has one; personal
 * events (trackers, copies) have {@link Trackers#CHANGES}.
 */
public interface EventChanges {

    /**
     * Whether {@code callerId}, the event's owner, may change it directly (else 403 or 409 with the reason): not
     * when it takes no corrections either.
     */
    default void requireChangeable(long callerId, Event event) {
        requireCorrectable(event);
    }

    /** Whether the event takes corrections at all (a locked transaction does not: 409). */
    default void requireCorrectable(Event event) {}

    /**
     * Whether {@code fields} of the event ({@link FieldChanges#FIELDS}) may change through
     * {@code PUT /api/events/{event}}: set by {@code callerId} directly, or proposed by {@code callerId} for the
     * attendees' vote when {@code byVote} (else 422 naming the field, or 403). What a billable's own routes guard (a time entry's
     * amount, a booking's price) must be guarded here too: this route reaches every kind of event.
     */
    default void requireFields(long callerId, Event event, Set<String> fields, boolean byVote) {}

    /** The event as the change really leaves it (a time entry's amount follows its minutes). */
    default Event settle(Event before, Event after) {
        return after;
    }

    /**
     * Checks {@code after} (409, 422) against what {@code before}'s billable holds and adds to {@code tx} what must
     * be written with it; read afresh for every attempt of the transaction.
     */
    void prepare(Event before, Event after, WriteTransaction tx);
}
