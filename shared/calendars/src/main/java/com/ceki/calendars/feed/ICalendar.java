package com.ceki.calendars.feed;

import com.ceki.events.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kal as an RFC 5545 calendar that Google Calendar, Apple Calendar and Outlook subscribe to: one {@code VEVENT}
 * per event that has a time, with a stable {@code UID}, its times in UTC (so no {@code VTIMEZONE} is needed; no
 * {@code DTEND} while it has no end), {@code SUMMARY}, {@code STATUS} (cancelled and deleted events are kept,
 * {@code CANCELLED}), {@code LAST-MODIFIED} and a {@code SEQUENCE} that grows with every change of the event. Lines
 * end in CRLF and fold at 75 octets.
 */
public final class ICalendar {

    public static final String CONTENT_TYPE = "text/calendar; charset=utf-8";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");

    private final StringBuilder out = new StringBuilder();

    private ICalendar() {}

    /** The calendar named {@code name} holding {@code events}, stamped {@code now}. */
    public static String of(String name, List<Event> events, Instant now) {
        ICalendar cal = new ICalendar();
        cal.line("BEGIN:VCALENDAR");
        cal.line("VERSION:2.0");
        cal.line("PRODID:-//ceki//calendar feed//EN");
        cal.line("CALSCALE:GREGORIAN");
        cal.line("METHOD:PUBLISH");
        cal.line("X-WR-CALNAME:" + text(name));
        for (Event e : events) {
            if (e.start() == null) {
                continue; // a task without a time has no place in a calendar
            }
            cal.line("BEGIN:VEVENT");
            cal.line("UID:event-" + e.id() + "@ceki"); // the event's id: the same in every feed, whatever the host
            cal.line("DTSTAMP:" + UTC.format(now));
            cal.line("DTSTART:" + UTC.format(e.start()));
            if (e.end() != null && e.end().isAfter(e.start())) {
                // RFC 5545 wants DTEND after DTSTART; without one (a running clock, a zero length) the event is an instant.
                cal.line("DTEND:" + UTC.format(e.end()));
            }
            cal.line("SUMMARY:" + text(e.label() != null ? e.label() : "Event " + e.id()));
            if (e.description() != null) {
                cal.line("DESCRIPTION:" + text(e.description()));
            }
            cal.line("STATUS:" + status(e));
            cal.line("SEQUENCE:" + e.sequence());
            cal.line("CREATED:" + UTC.format(e.createdAt()));
            cal.line("LAST-MODIFIED:" + UTC.format(e.updatedAt()));
            cal.line("END:VEVENT");
        }
        cal.line("END:VCALENDAR");
        return cal.out.toString();
    }

    private static String status(Event e) {
        if (e.isDeleted() || e.statusId() == Event.STATUS_CANCELLED || e.statusId() == Event.STATUS_DECLINED) {
            return "CANCELLED";
        }
        return e.statusId() == Event.STATUS_NEW ? "TENTATIVE" : "CONFIRMED";
    }

    /**
     * RFC 5545 TEXT: backslash, semicolon, comma and newline escaped; the other control characters (U+0000 to U+001F
     * but tab, and U+007F), which TEXT does not allow and no escape writes, are left out.
     */
    private static String text(String value) {
        return CONTROL.matcher(value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")).replaceAll("");
    }

    /** One content line, folded so that no physical line is longer than 75 octets (never inside a UTF-8 sequence). */
    private void line(String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
