package com.ceki.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one time rule, with exact instants: instants, local times in zones, lengths, and the two DST edges. */
class EventTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static EventTimes.Requested read(String json) throws Exception {
        Validator v = Validator.of(Json.parse(json));
        EventTimes.Requested requested = EventTimes.read(v, 15, 1440);
        v.check();
        return requested;
    }

    @Test
    void aDateTimeWithAnOffsetAndNoStartIsThatInstant() throws Exception {
        EventTimes.Span span = read("{\"date\":\"2027-03-15T14:00:00Z\",\"duration\":60}").span(BERLIN, null);
        assertEquals(Instant.parse("2027-03-15T14:00:00Z"), span.start());
        assertEquals(Instant.parse("2027-03-15T15:00:00Z"), span.end());
        assertEquals(60, span.minutes());
        assertEquals(Instant.parse("2027-03-15T13:00:00Z"),
                read("{\"date\":\"2027-03-15T15:00:00+02:00\",\"duration\":30}").startInstant(BERLIN));
    }

    @Test
    void aCalendarDateWithAStartIsLocalTimeInTheZone() throws Exception {
        assertEquals(Instant.parse("2027-03-15T09:00:00Z"), read("{\"date\":\"2027-03-15\",\"start\":\"10:00\"}").startInstant(BERLIN));
        assertEquals(Instant.parse("2027-03-15T09:00:00Z"),
                read("{\"date\":\"2027-03-15T00:00:00Z\",\"start\":\"10:00\"}").startInstant(BERLIN), "midnight means the date");
        assertEquals(Instant.parse("2027-03-15T14:00:00Z"),
                read("{\"date\":\"2027-03-15\",\"start\":\"10:00\",\"timezone\":\"America/New_York\"}").startInstant(BERLIN),
                "the request's own zone wins");
        assertEquals(Instant.parse("2027-03-15T13:00:00Z"), read("{\"date\":\"2027-03-15T14:00\"}").startInstant(BERLIN),
                "a date-time without an offset is local");
    }

    @Test
    void endGivesTheLengthInElapsedMinutes() throws Exception {
        assertEquals(90, read("{\"date\":\"2027-03-15\",\"start\":\"10:00\",\"end\":\"11:30\"}").length(BERLIN, null));
        // The night the clocks go back in Berlin: 00:30 to 04:30 on the wall is five hours.
        assertEquals(300, read("{\"date\":\"2026-10-25\",\"start\":\"00:30\",\"end\":\"04:30\"}").length(BERLIN, null));
        assertThrows(ValidationFailed.class, () -> read("{\"date\":\"2027-03-15\",\"start\":\"10:00\",\"end\":\"09:00\"}").length(BERLIN, null));
        assertThrows(ValidationFailed.class, () -> read("{\"date\":\"2027-03-15\",\"start\":\"10:00\",\"end\":\"10:10\"}").length(BERLIN, null));
        assertNull(read("{\"date\":\"2027-03-15\",\"start\":\"10:00\"}").length(BERLIN, null));
        assertEquals(45, read("{\"date\":\"2027-03-15\",\"start\":\"10:00\"}").length(BERLIN, 45));
    }

    @Test
    void aGapIsRefusedAnOverlapIsItsFirstOccurrence() throws Exception {
        ValidationFailed gap = assertThrows(ValidationFailed.class,
                () -> read("{\"date\":\"2027-03-14\",\"start\":\"02:30\"}").startInstant(NEW_YORK));
        assertTrue(gap.errors().containsKey("start"));
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), read("{\"date\":\"2026-11-01\",\"start\":\"01:30\"}").startInstant(NEW_YORK));
        assertEquals(Instant.parse("2026-11-01T06:30:00Z"),
                read("{\"date\":\"2026-11-01T01:30:00-05:00\"}").startInstant(NEW_YORK), "an instant names the second one");
    }

    @Test
    void whatIsRefused() {
        assertThrows(ValidationFailed.class, () -> read("{\"date\":\"2027-03-15T14:00:00Z\",\"start\":\"10:00\"}"));
        assertThrows(ValidationFailed.class, () -> read("{\"date\":\"2027-02-30\",\"start\":\"10:00\"}"));
        assertThrows(ValidationFailed.class, () -> read("{\"start\":\"10:00\"}"));
        assertThrows(ValidationFailed.class, () -> read("{\"date\":\"2027-03-15\",\"start\":\"10:00\",\"timezone\":\"Mars/Olympus\"}"));
        assertThrows(ValidationFailed.class, () -> read("{\"date\":\"2027-03-15\",\"start\":\"10:00\",\"duration\":14}"));
    }
}
