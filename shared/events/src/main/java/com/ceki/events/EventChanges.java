package com.ceki.events;

import com.ceki.storage.WriteTransaction;

/**
 * What changing an event means for what it belongs to, beyond the event item: a booking's time is checked against
 * its schedule and moved in the day locks, a contract's time entry is checked against its hand's weeks and its
 * amount follows its minutes, a locked transaction is not changed at all. Each billable kind has one; personal
 * events (trackers, copies) need {@link #NONE}.
 */
public interface EventChanges {

    /** Whether {@code callerId}, the event's owner, may change it directly (else 403 or 409 with the reason). */
    default void requireChangeable(long callerId, Event event) {}

    /** Whether the event takes corrections at all (a locked transaction does not: 409). */
    default void requireCorrectable(Event event) {}

    /** The event as the change really leaves it (a time entry's amount follows its minutes). */
    default Event settle(Event before, Event after) {
        return after;
    }

    /**
     * Checks {@code after} (409, 422) against what {@code before}'s billable holds and adds to {@code tx} what must
     * be written with it; read afresh for every attempt of the transaction.
     */
    void prepare(Event before, Event after, WriteTransaction tx);

    EventChanges NONE = (before, after, tx) -> {};
}
