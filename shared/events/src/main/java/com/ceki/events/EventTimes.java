package com.ceki.events;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one time rule of every route that takes an event's time (API.md, "Events: one model, one time rule"):
 * <ul>
 *   <li>{@code date} holding a date-time with an offset ({@code 2027-03-15T14:00:00Z}) and no {@code start} is that
 *   instant;</li>
 *   <li>{@code date} as a calendar date ({@code 2027-03-15}, or a date-time at midnight) with {@code start}
 *   {@code HH:MM} is that local time in the request's {@code timezone}, else the schedule's or contract's zone (a
 *   date-time without an offset, {@code 2027-03-15T14:00}, is a local time too);</li>
 *   <li>{@code duration} (minutes) or {@code end} ({@code HH:MM}, later the same local day) gives the length.</li>
 * </ul>
 * A local time that does not exist (a spring-forward gap) is a 422 on {@code start}; one that happens twice (an
 * autumn overlap) is its first occurrence. Lengths are elapsed minutes, so a DST change inside an event is counted
 * as the clock on the wall would not.
 */
public final class EventTimes {

    /** What a request said about a time, before it is placed in a zone. */
    public record Requested(Instant instant, LocalDate date, LocalTime start, Integer minutes, LocalTime end,
                            ZoneId zone, int minMinutes, int maxMinutes) {

        /** A time of day was given (an instant, or a date with a start), not only a date. */
        public boolean hasTime() {
            return instant != null || start != null;
        }

        /** The request's own {@code timezone}, else {@code fallback}. */
        public ZoneId zoneOr(ZoneId fallback) {
            return zone != null ? zone : fallback;
        }

        /** The local date the time falls on in {@code zone}. */
        public LocalDate localDate(ZoneId fallback) {
            return instant != null ? LocalDate.ofInstant(instant, zoneOr(fallback)) : date;
        }

        /** The local time of day in {@code zone}; null when only a date was given. */
        public LocalTime localStart(ZoneId fallback) {
            return instant != null ? LocalTime.ofInstant(instant, zoneOr(fallback)) : start;
        }

        /** The instant it starts: the given one, or the local date and start resolved in the zone. */
        public Instant startInstant(ZoneId fallback) {
            if (instant != null) {
                return instant;
            }
            if (start == null) {
                throw ValidationFailed.of("start", "The start field is required when date is a calendar date.");
            }
            return within(resolve(LocalDateTime.of(date, start), zoneOr(fallback), "start"), "date");
        }

        /** The length in minutes: {@code duration}, else up to {@code end}, else {@code fallbackMinutes} (may be null). */
        public Integer length(ZoneId fallback, Integer fallbackMinutes) {
            if (minutes != null) {
                return minutes;
            }
            if (end == null) {
                return fallbackMinutes;
            }
            ZoneId in = zoneOr(fallback);
            LocalDate day = localDate(fallback);
            Instant from = startInstant(fallback);
            if (!end.isAfter(localStart(fallback))) {
                throw ValidationFailed.of("end", "The end field must be a time after start.");
            }
            Instant to = resolve(LocalDateTime.of(day, end), in, "end");
            long length = Duration.between(from, to).toMinutes();
            if (length < minMinutes || length > maxMinutes) {
                throw ValidationFailed.of("end", "The end field must be between " + minMinutes + " and " + maxMinutes
                        + " minutes after start.");
            }
            return (int) length;
        }

        /** Start, end and length, placed in the zone; {@code fallbackMinutes} when neither duration nor end was sent. */
        public Span span(ZoneId fallback, Integer fallbackMinutes) {
            Instant from = startInstant(fallback);
            Integer length = length(fallback, fallbackMinutes);
            if (length == null) {
                throw ValidationFailed.of("duration", "The duration field is required.");
            }
            return new Span(from, within(from.plus(Duration.ofMinutes(length)), "date"), length);
        }
    }

    /** An event's time: its start, its end and their distance in elapsed minutes. */
    public record Span(Instant start, Instant end, int minutes) {}

    private EventTimes() {}

    /**
     * Reads {@code date}, {@code start}, {@code end}, {@code duration} and {@code timezone}, recording what is wrong
     * on {@code v}; null when no {@code date} was sent (the caller decides whether it is required).
     */
    public static Requested read(Validator v, int minMinutes, int maxMinutes) {
        String dateText = v.string("date").max(40).value();
        String startText = v.string("start").time().value();
        String endText = v.string("end").time().value();
        Long duration = v.integer("duration").between(minMinutes, maxMinutes).value();
        String zoneText = v.string("timezone").max(64).timezone().value();
        if (dateText == null || v.hasError("date")) {
            if (dateText == null && startText != null && !v.hasError("start")) {
                v.fail("date", "The date field is required when start is present.");
            }
            return null;
        }
        Instant instant = null;
        LocalDate date = null;
        LocalTime start = startText == null ? null : LocalTime.parse(startText);
        try {
            if (dateText.length() == 10) {
                date = LocalDate.parse(dateText);
            } else if (hasOffset(dateText)) {
                OffsetDateTime at = OffsetDateTime.parse(dateText);
                if (start != null && at.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                    date = at.toLocalDate(); // the calendar date as written, with the local start
                } else if (start != null) {
                    v.fail("start", "The start field must be empty when date holds a time of day.");
                } else {
                    instant = at.toInstant();
                }
            } else {
                LocalDateTime local = LocalDateTime.parse(dateText);
                date = local.toLocalDate();
                if (start == null && !local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                    start = local.toLocalTime();
                } else if (start != null && !local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                    v.fail("start", "The start field must be empty when date holds a time of day.");
                }
            }
        } catch (DateTimeParseException e) {
            v.fail("date", "The date field must be a valid date.");
            return null;
        }
        if (instant == null && date == null) {
            return null; // refused above (a start beside a time of day)
        }
        // The local date is checked at its UTC midnight: a day whose local hours leave the years is caught by span().
        if (!Timestamps.inRange(instant != null ? instant : date.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            v.fail("date", "The date field must be a date " + Timestamps.RANGE + ".");
            return null;
        }
        Integer minutes = duration == null ? null : duration.intValue();
        LocalTime end = endText == null ? null : LocalTime.parse(endText);
        return new Requested(instant, date, start, minutes, end, zoneText == null ? null : ZoneId.of(zoneText),
                minMinutes, maxMinutes);
    }

    /** {@code at}, when it is in the years the API takes; a 422 on {@code field} otherwise (a start or end out of them). */
    public static Instant within(Instant at, String field) {
        if (!Timestamps.inRange(at)) {
            throw ValidationFailed.of(field, "The " + field + " field must give a time " + Timestamps.RANGE + ", its end included.");
        }
        return at;
    }

    /** A local date and time in {@code zone}: a gap is refused (naming {@code field}), an overlap is its first occurrence. */
    public static Instant resolve(LocalDateTime local, ZoneId zone, String field) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw ValidationFailed.of(field, "The " + field + " field is a time that does not exist in " + zone
                    + " on that day (the clocks skip it).");
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static boolean hasOffset(String text) {
        return text.endsWith("Z") || text.endsWith("z") || text.matches(".*[+-]\\d{2}:?\\d{2}$");
    }
}
