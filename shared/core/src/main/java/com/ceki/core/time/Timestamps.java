package com.ceki.core.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The API's two timestamp shapes (API.md, conventions). */
public final class Timestamps {

    /** {@code created_at} / {@code updated_at}: {@code 2026-04-15T10:30:00.000000Z}. */
    private static final DateTimeFormatter RECORD =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Schedule and event times: {@code 2026-04-20T09:00:00Z}. */
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** The record shape; null for null (an unset time is a JSON null, an absent attribute). */
    public static String record(Instant instant) {
        return instant == null ? null : RECORD.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The schedule/event shape; null for null. */
    public static String seconds(Instant instant) {
        return instant == null ? null : SECONDS.format(instant);
    }
}
