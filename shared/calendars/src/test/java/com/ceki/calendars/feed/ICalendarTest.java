package com.ceki.calendars.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.events.Event;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;

/** The RFC 5545 text itself: CRLF lines of at most 75 octets, folded outside UTF-8 sequences, TEXT escaped. */
class ICalendarTest {

    @Test
    void linesAreFoldedAt75OctetsAndTextIsEscaped() {
        Instant at = Instant.parse("2027-01-11T09:00:00Z");
        String label = "Überprüfung; Teil 1, mit Kommas und einem sehr langen Titel, der über die Zeilengrenze geht ✓✓✓";
        Event event = Event.builder(1, Event.TYPE_MEETING, 2, at).label(label).time(at, at.plusSeconds(3600), 60).build();
        String ics = ICalendar.of("Work", List.of(event), at);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.contains("SUMMARY:Überprüfung\\; Teil 1\\, mit Kommas"), unfolded);
        assertTrue(unfolded.contains("DTSTART:20270111T090000Z\r\nDTEND:20270111T100000Z"), unfolded);
        assertEquals(1, unfolded.split("BEGIN:VEVENT").length - 1);
    }

    /** RFC 5545 wants DTEND after DTSTART: an event without an end (a running clock) or of no length has none. */
    @Test
    void anEventWithoutAnEndHasNoDtend() throws Exception {
        Instant at = Instant.parse("2027-01-11T09:00:00Z");
        Event running = Event.builder(1, Event.TYPE_TIME, 2, at).label("Running").time(at, null, null).build();
        Event instant = Event.builder(3, Event.TYPE_MEETING, 2, at).label("No length").time(at, at, 0).build();
        String ics = ICalendar.of("Work", List.of(running, instant), at);
        assertFalse(ics.contains("DTEND"), ics);
        assertTrue(ics.contains("DTSTART:20270111T090000Z"), ics);
        parsed(ics);
    }

    /** TEXT allows no control character but tab: the others, which no escape writes, are left out. */
    @Test
    void controlCharactersAreLeftOutOfText() throws Exception {
        Instant at = Instant.parse("2027-01-11T09:00:00Z");
        Event event = Event.builder(1, Event.TYPE_MEETING, 2, at).label("Bell\u0007 NUL\u0000 ESC\u001B DEL\u007F tab\t.")
                .description("line one\nline two\u0001").time(at, at.plusSeconds(3600), 60).build();
        String ics = ICalendar.of("Work\u0000", List.of(event), at);
        assertTrue(ics.replace("\r\n", "").chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F), ics);
        Component vevent = parsed(ics).getComponents().stream().map(c -> (Component) c)
                .filter(c -> c.getName().equals("VEVENT")).findFirst().orElseThrow();
        assertEquals("Bell NUL ESC DEL tab\t.", vevent.getProperty("SUMMARY").map(Property::getValue).orElseThrow());
        assertEquals("line one\nline two", vevent.getProperty("DESCRIPTION").map(Property::getValue).orElseThrow());
    }

    /** The feed as ical4j, which CalendarFeedTest reads it with, parses and validates it. */
    private static Calendar parsed(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        calendar.validate();
        return calendar;
    }
}
