package com.ceki.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A person taking part in an event (the reference's {@code pivot}): the event's owner (role 1), its host or the
 * person it is for (2: a schedule's owner, a hand's user), an attendee (3). Each answers for themselves
 * ({@code statusId}: 100 not answered, 200 accepted, 400 declined) and shows the event in one of their kals.
 */
public record Attendance(long eventId, long userId, int roleId, int statusId, Long kalId, String email,
                         Instant createdAt, Instant updatedAt) {

    public static final int ROLE_OWNER = 1;
    public static final int ROLE_HOST = 2;
    public static final int ROLE_ATTENDEE = 3;

    public static final int PENDING = 100;
    public static final int ACCEPTED = 200;
    public static final int DECLINED = 400;

    /**
     * Who takes part in {@code event}: its owner, its host or the person it is for ({@code hostId}, showing it in
     * {@code hostKalId}) when that is someone else, and each attendee who has an account ({@code idsByEmail}, by
     * lower-cased email), once each.
     */
    public static List<Attendance> of(Event event, Long hostId, Long hostKalId, ArrayNode attendees,
                                      Map<String, Long> idsByEmail, Instant now) {
        Map<Long, Attendance> byUser = new LinkedHashMap<>();
        byUser.put(event.userId(), owner(event.id(), event.userId(), hostId != null && hostId == event.userId() ? hostKalId : null, now));
        if (hostId != null) {
            byUser.putIfAbsent(hostId, host(event.id(), hostId, hostKalId, now));
        }
        for (String email : emails(attendees)) {
            Long userId = idsByEmail.get(email.toLowerCase(Locale.ROOT));
            if (userId != null) {
                byUser.putIfAbsent(userId, invited(event.id(), userId, email, now));
            }
        }
        return List.copyOf(byUser.values());
    }

    /** The addresses of an {@code attendees} array ({@code [{"label": "a@example.com"}]}). */
    public static List<String> emails(ArrayNode attendees) {
        List<String> emails = new ArrayList<>();
        if (attendees != null) {
            attendees.forEach(a -> emails.add(a.path("label").asText()));
        }
        return emails;
    }

    /** The owner of what they made themselves has nothing to answer. */
    public static Attendance owner(long eventId, long userId, Long kalId, Instant now) {
        return new Attendance(eventId, userId, ROLE_OWNER, ACCEPTED, kalId, null, now, now);
    }

    public static Attendance host(long eventId, long userId, Long kalId, Instant now) {
        return new Attendance(eventId, userId, ROLE_HOST, ACCEPTED, kalId, null, now, now);
    }

    public static Attendance invited(long eventId, long userId, String email, Instant now) {
        return new Attendance(eventId, userId, ROLE_ATTENDEE, PENDING, null, email, now, now);
    }

    /** The same attendance of another event (an event whose id had to be minted again). */
    public Attendance forEvent(long otherEventId) {
        return new Attendance(otherEventId, userId, roleId, statusId, kalId, email, createdAt, updatedAt);
    }

    public Attendance answered(int status, Instant now) {
        return new Attendance(eventId, userId, roleId, status, kalId, email, createdAt, now);
    }
}
