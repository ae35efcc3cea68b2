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

    /**
     * The times the API takes: years 0001 to 9999 in UTC, the four-digit years that these shapes, sort keys and
     * feeds write. Parsing alone accepts far more (year +999999999), which later arithmetic and formatting cannot hold.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** How a refusal states the range: "The date field must be a date {@code RANGE}." */
    public static final String RANGE = "between 0001-01-01 and 9999-12-31 (UTC)";

    private Timestamps() {}

    /** Whether {@code instant} is a time the API takes ({@link #EARLIEST} to {@link #LATEST}). */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The record shape; null for null (an unset time is a JSON null, an absent attribute). */
    public static String record(Instant instant) {
        return instant == null ? null : RECORD.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The schedule/event shape; null for null. */
    public static String seconds(Instant instant) {
        return instant == null ? null : SECONDS.format(instant);
    }
}
