package com.ceki.events;

import java.time.Instant;
import java.util.Map;

/**
 * A change of one field of an event that an attendee other than its owner proposed ({@code value}, and
 * {@code oldValue}, what the field held then): applied when more than half of the event's attendees voted up, and
 * only if the field still holds {@code oldValue} (else it is stale); closed unapplied by a majority down. Each
 * attendee has one vote, which a second vote replaces. {@code version} guards every change of it.
 */
public record Correction(long id, long eventId, long userId, String field, String value, String oldValue, String status,
                         Map<Long, Boolean> votes, long version, Instant createdAt, Instant updatedAt) {

    public static final String OPEN = "open";
    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";
    public static final String STALE = "stale";

    public Correction {
        votes = Map.copyOf(votes);
    }

    public long up() {
        return votes.values().stream().filter(v -> v).count();
    }

    public long down() {
        return votes.values().stream().filter(v -> !v).count();
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
