package com.ceki.calendars.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.events.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
}
