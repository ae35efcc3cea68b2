package com.ceki.calendars;

import java.time.Instant;
import java.util.List;

/**
 * A person's calendar (kal), stored under its owner ({@code USER#<owner> / KAL#<id>}), with the external calendars
 * and the other kals linked to it (items sorted right after it: {@code KAL#<id>#EXTERNAL#..}, {@code KAL#<id>#LINK#..}).
 */
public record Kal(long id, long userId, String label, String description, String slug, boolean isPrivate,
                  String timezone, List<Long> files, Instant createdAt, Instant updatedAt,
                  List<ExternalCalendar> external, List<KalLink> links) {

    public Kal {
        files = List.copyOf(files);
        external = List.copyOf(external);
        links = List.copyOf(links);
    }

    /** An external (e.g. Google) calendar linked by its own id; {@code from}: its events are imported into the kal. */
    public record ExternalCalendar(String id, String summary, String description, String timeZone, boolean from,
                                   Instant createdAt, Instant updatedAt) {}

    /** Another kal of the same owner linked to this one; {@code from}: its events show in this one. */
    public record KalLink(long kalId, boolean from, Instant createdAt, Instant updatedAt) {}

    Kal withChildren(List<ExternalCalendar> external, List<KalLink> links) {
        return new Kal(id, userId, label, description, slug, isPrivate, timezone, files, createdAt, updatedAt, external, links);
    }
}
