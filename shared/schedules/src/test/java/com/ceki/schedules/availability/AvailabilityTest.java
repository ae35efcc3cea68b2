package com.ceki.schedules.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.schedules.availability.Availability.Slot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final Instant Y2026 = Instant.parse("2026-01-01T00:00:00Z");

    static ObjectNode settings(String json) {
        // Every fixture must itself pass validation.
        return UserScheduleSettings.validate(UserScheduleSettingsTest.json(json));
    }

    static Availability availability(String json, ZoneId zone) {
        return Availability.of(settings(json), zone, Y2026, null);
    }

    static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    static LocalTime t(String time) {
        return LocalTime.parse(time);
    }

    static Instant i(String instant) {
        return Instant.parse(instant);
    }

    static void assertSlot(Slot slot, String start, String end) {
        assertEquals(i(start), slot.start(), "start");
        assertEquals(i(end), slot.end(), "end");
    }

    static ValidationFailed rejects(Availability a, String date, String start, int duration, String field) {
        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> a.resolve(d(date), t(start), duration));
        assertEquals(Set.of(field), failed.errors().keySet(), failed.errors().toString());
        return failed;
    }

    static List<Instant> starts(List<Slot> slots) {
        return slots.stream().map(Slot::start).toList();
    }

    // ---- DST, America/New_York ----

    @Test
    void newYorkSpringGapIsNotBookable() {
        Availability a = availability("{}", NEW_YORK);
        ValidationFailed failed = rejects(a, "2026-03-08", "02:30", 60, "start");
        String message = failed.errors().get("start").get(0);
        assertTrue(message.contains("does not exist in America/New_York on 2026-03-08"), message);
        // Just before and after the gap are fine: 01:30 EST, 03:00 EDT.
        assertSlot(a.resolve(d("2026-03-08"), t("01:30"), 60), "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z");
        assertSlot(a.resolve(d("2026-03-08"), t("03:00"), 60), "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z");
    }

    @Test
    void newYorkMondayNineStaysNineLocalAcrossDst() {
        Availability a = availability("{'days': [1], 'hours': {'start': '09:00', 'end': '18:00'}}", NEW_YORK);
        Slot before = a.resolve(d("2026-03-02"), t("09:00"), 60);
        assertSlot(before, "2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z");
        assertEquals(d("2026-03-02"), before.date());
        assertEquals(-1, before.template());
        assertSlot(a.resolve(d("2026-03-09"), t("09:00"), 60), "2026-03-09T13:00:00Z", "2026-03-09T14:00:00Z");
        // and the whole-window slot of the day follows the local hours
        List<Slot> slots = a.slots(d("2026-03-09"));
        assertEquals(1, slots.size());
        assertSlot(slots.get(0), "2026-03-09T13:00:00Z", "2026-03-09T22:00:00Z");
    }

    @Test
    void newYorkAutumnOverlapResolvesToTheEarlierOffsetOnce() {
        Availability a = availability("{}", NEW_YORK);
        assertSlot(a.resolve(d("2026-11-01"), t("01:30"), 60), "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z");

        Availability grid = availability(
                "{'oneByOne': true, 'duration': 30, 'hours': {'start': '00:00', 'end': '04:00'}}", NEW_YORK);
        List<Slot> slots = grid.slots(d("2026-11-01"));
        assertEquals(List.of(i("2026-11-01T04:00:00Z"), i("2026-11-01T04:30:00Z"), i("2026-11-01T05:00:00Z"),
                i("2026-11-01T05:30:00Z"), i("2026-11-01T07:00:00Z"), i("2026-11-01T07:30:00Z"),
                i("2026-11-01T08:00:00Z"), i("2026-11-01T08:30:00Z")), starts(slots));
        long at0130 = slots.stream()
                .filter(s -> s.start().atZone(NEW_YORK).toLocalTime().equals(t("01:30"))).count();
        assertEquals(1, at0130);
        assertSlot(slots.get(slots.size() - 1), "2026-11-01T08:30:00Z", "2026-11-01T09:00:00Z");
    }

    @Test
    void newYorkSpringGridSkipsTheMissingHour() {
        Availability grid = availability(
                "{'oneByOne': true, 'duration': 60, 'hours': {'start': '00:00', 'end': '05:00'}}", NEW_YORK);
        assertEquals(List.of(i("2026-03-08T05:00:00Z"), i("2026-03-08T06:00:00Z"), i("2026-03-08T07:00:00Z"),
                i("2026-03-08T08:00:00Z")), starts(grid.slots(d("2026-03-08"))));
        rejects(grid, "2026-03-08", "02:00", 60, "start");
    }

    // ---- DST, Europe/Berlin ----

    @Test
    void berlinGapAndOverlap() {
        Availability a = availability("{}", BERLIN);
        rejects(a, "2026-03-29", "02:30", 60, "start");
        assertSlot(a.resolve(d("2026-10-25"), t("02:30"), 30), "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z");
        // 01:30 CEST for 60 minutes ends at 02:30 CEST (the first 02:30)
        Slot early = a.resolve(d("2026-10-25"), t("01:30"), 60);
        assertSlot(early, "2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z");
        assertEquals(d("2026-10-25"), early.date());
        // 02:00 CEST for 120 elapsed minutes ends at 03:00 CET
        assertSlot(a.resolve(d("2026-10-25"), t("02:00"), 120), "2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z");
        // the whole local day lasts 25 hours
        List<Slot> day = a.slots(d("2026-10-25"));
        assertSlot(day.get(0), "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z");
        // a booking that would run past the local day's end is refused on its duration
        rejects(a, "2026-10-25", "23:30", 60, "duration");
    }

    @Test
    void moscowHasNoDst() {
        Availability a = availability("{'hours': {'start': '09:00', 'end': '18:00'}}", MOSCOW);
        assertSlot(a.resolve(d("2026-01-15"), t("09:00"), 60), "2026-01-15T06:00:00Z", "2026-01-15T07:00:00Z");
        assertSlot(a.resolve(d("2026-07-15"), t("09:00"), 60), "2026-07-15T06:00:00Z", "2026-07-15T07:00:00Z");
    }

    // ---- days, hours, window, duration ----

    static final String WEEKDAYS = "{'days': [1, 3, 5], 'hours': {'start': '09:00', 'end': '18:00'}, 'duration': 60}";

    @Test
    void hoursDaysAndDuration() {
        Availability a = Availability.of(settings(WEEKDAYS), BERLIN, i("2026-03-01T23:00:00Z"),
                i("2026-06-30T22:00:00Z"));
        assertSlot(a.resolve(d("2026-03-02"), t("09:00"), 60), "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z");
        assertSlot(a.resolve(d("2026-03-02"), t("17:00"), 60), "2026-03-02T16:00:00Z", "2026-03-02T17:00:00Z");
        rejects(a, "2026-03-02", "08:30", 60, "start");
        rejects(a, "2026-03-02", "17:30", 60, "duration");
        rejects(a, "2026-03-02", "18:00", 15, "start");
        rejects(a, "2026-03-03", "09:00", 60, "date"); // Tuesday
        rejects(a, "2026-03-01", "09:00", 60, "date"); // Sunday, before the schedule start too
        rejects(a, "2026-02-27", "09:00", 60, "date"); // Friday before the schedule start
        rejects(a, "2026-07-01", "09:00", 60, "date"); // Wednesday after the schedule end
        rejects(a, "2026-03-02", "09:00", 14, "duration");
        rejects(a, "2026-03-02", "09:00", 1441, "duration");
        rejects(a, "2026-03-02", "09:00:30", 60, "start");
        assertSlot(a.resolve(d("2026-03-02"), t("09:00"), 15), "2026-03-02T08:00:00Z", "2026-03-02T08:15:00Z");
        assertTrue(a.slots(d("2026-03-03")).isEmpty());
        assertFalse(a.oneByOne());
        assertFalse(a.singleEvent());
    }

    @Test
    void scheduleWindowBoundsWithinADay() {
        // opens Monday 2026-03-02 11:00 Berlin, closes Monday 2026-06-29 12:00 Berlin
        Availability a = Availability.of(settings(WEEKDAYS), BERLIN, i("2026-03-02T10:00:00Z"),
                i("2026-06-29T10:00:00Z"));
        rejects(a, "2026-03-02", "09:00", 60, "start");
        assertSlot(a.resolve(d("2026-03-02"), t("11:00"), 60), "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z");
        assertSlot(a.resolve(d("2026-06-29"), t("11:00"), 60), "2026-06-29T09:00:00Z", "2026-06-29T10:00:00Z");
        rejects(a, "2026-06-29", "11:30", 60, "duration");
        rejects(a, "2026-06-29", "12:00", 60, "start");
        assertSlot(a.slots(d("2026-03-02")).get(0), "2026-03-02T10:00:00Z", "2026-03-02T17:00:00Z");
        assertSlot(a.slots(d("2026-06-29")).get(0), "2026-06-29T07:00:00Z", "2026-06-29T10:00:00Z");
    }

    @Test
    void hoursMayEndAtMidnight() {
        Availability a = availability("{'hours': {'start': '22:00', 'end': '24:00'}}", BERLIN);
        assertSlot(a.resolve(d("2026-03-02"), t("23:00"), 60), "2026-03-02T22:00:00Z", "2026-03-02T23:00:00Z");
        rejects(a, "2026-03-02", "23:30", 60, "duration");
        rejects(a, "2026-03-02", "21:45", 30, "start");
        assertSlot(a.slots(d("2026-03-02")).get(0), "2026-03-02T21:00:00Z", "2026-03-02T23:00:00Z");
    }

    // ---- oneByOne ----

    @Test
    void oneByOneGrid() {
        Availability a = availability(
                "{'oneByOne': true, 'duration': 45, 'hours': {'start': '09:00', 'end': '12:00'}}", BERLIN);
        assertTrue(a.oneByOne());
        assertSlot(a.resolve(d("2026-03-02"), t("09:45"), 45), "2026-03-02T08:45:00Z", "2026-03-02T09:30:00Z");
        rejects(a, "2026-03-02", "09:30", 45, "start");
        rejects(a, "2026-03-02", "09:00", 30, "duration");
        rejects(a, "2026-03-02", "11:15", 60, "duration");
        assertEquals(List.of(i("2026-03-02T08:00:00Z"), i("2026-03-02T08:45:00Z"), i("2026-03-02T09:30:00Z"),
                i("2026-03-02T10:15:00Z")), starts(a.slots(d("2026-03-02"))));
    }

    @Test
    void oneByOneGridStepFallsBackToTheScheduleDuration() {
        ObjectNode s = settings("{'oneByOne': true, 'hours': {'start': '09:00', 'end': '11:00'}}");
        Availability a = Availability.of(s, BERLIN, Y2026, null, 30);
        assertEquals(4, a.slots(d("2026-03-02")).size());
        rejects(a, "2026-03-02", "09:15", 30, "start");
        rejects(a, "2026-03-02", "09:30", 60, "duration");
        // without any step there is no grid: any start inside the hours
        Availability free = Availability.of(s, BERLIN, Y2026, null);
        assertSlot(free.resolve(d("2026-03-02"), t("09:15"), 60), "2026-03-02T08:15:00Z", "2026-03-02T09:15:00Z");
    }

    // ---- rpt ----

    @Test
    void rptEveryOtherWeek() {
        // starts Wednesday 2026-03-04: its week (from Monday 03-02) is week 0
        Availability a = Availability.of(settings("{'days': [1], 'rpt': {'type': 'week', 'no': 2}}"), BERLIN,
                i("2026-03-03T23:00:00Z"), null);
        rejects(a, "2026-03-02", "09:00", 60, "date"); // before the start
        rejects(a, "2026-03-09", "09:00", 60, "date"); // week 1
        assertSlot(a.resolve(d("2026-03-16"), t("09:00"), 60), "2026-03-16T08:00:00Z", "2026-03-16T09:00:00Z");
        rejects(a, "2026-03-23", "09:00", 60, "date"); // week 3
        assertSlot(a.resolve(d("2026-03-30"), t("09:00"), 60), "2026-03-30T07:00:00Z", "2026-03-30T08:00:00Z");
    }

    @Test
    void rptEveryNthDayAndMonth() {
        Instant start = i("2026-03-01T23:00:00Z"); // 2026-03-02 local
        Availability days = Availability.of(settings("{'rpt': {'type': 'day', 'no': 3}}"), BERLIN, start, null);
        days.resolve(d("2026-03-05"), t("09:00"), 60);
        rejects(days, "2026-03-04", "09:00", 60, "date");
        Availability months = Availability.of(settings("{'rpt': {'type': 'month', 'no': 2}}"), BERLIN, start, null);
        rejects(months, "2026-04-10", "09:00", 60, "date");
        months.resolve(d("2026-05-10"), t("09:00"), 60);
    }

    @Test
    void rptDatesOnlyTheSelectedDates() {
        Availability a = availability(
                "{'days': [1], 'rpt': {'type': 'dates', 'selected': ['2026-03-10', '2026-03-12T23:30:00Z']}}", BERLIN);
        assertSlot(a.resolve(d("2026-03-10"), t("09:00"), 60), "2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z");
        a.resolve(d("2026-03-13"), t("09:00"), 60); // 2026-03-13 00:30 in Berlin
        rejects(a, "2026-03-12", "09:00", 60, "date");
        rejects(a, "2026-03-09", "09:00", 60, "date"); // a Monday, but not selected
    }

    // ---- templates ----

    static final String TEMPLATES = """
            {'days': [1], 'hours': {'start': '09:00', 'end': '12:00'}, 'events': [
              {'type_id': 1, 'start': '10:00', 'duration': 30, 'rpt': {'type': 'week', 'days': [2], 'status': true}},
              {'type_id': 1, 'start': '14:00', 'duration': 60},
              {'type_id': 1, 'start': '16:00', 'duration': 60, 'rpt': {'status': false}},
              {'type_id': 2, 'start': '08:00', 'duration': 60, 'rpt': {'type': 'dates', 'selected': ['2026-03-04']}}]}""";

    @Test
    void templatesDefineTheSlots() {
        Availability a = availability(TEMPLATES, BERLIN);
        assertTrue(a.hasTemplates());
        Slot tuesday = a.resolve(d("2026-03-03"), t("10:00"), 30);
        assertSlot(tuesday, "2026-03-03T09:00:00Z", "2026-03-03T09:30:00Z");
        assertEquals(0, tuesday.template());
        Slot monday = a.resolve(d("2026-03-02"), t("14:00"), 60); // outside the hours: templates are not bound by them
        assertSlot(monday, "2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z");
        assertEquals(1, monday.template());
        assertEquals(3, a.resolve(d("2026-03-04"), t("08:00"), 60).template());
        rejects(a, "2026-03-02", "10:00", 30, "start"); // template 0 is Tuesdays only
        rejects(a, "2026-03-02", "14:00", 30, "duration");
        rejects(a, "2026-03-02", "16:00", 60, "start"); // disabled
        rejects(a, "2026-03-03", "14:00", 60, "start"); // template 1 follows the schedule's days
        rejects(a, "2026-03-05", "14:00", 60, "date"); // Thursday: no template
        assertEquals(List.of(i("2026-03-03T09:00:00Z")), starts(a.slots(d("2026-03-03"))));
        assertEquals(List.of(i("2026-03-04T07:00:00Z")), starts(a.slots(d("2026-03-04"))));
        assertEquals(List.of(1), a.slots(d("2026-03-02")).stream().map(Slot::template).toList());
    }

    // ---- generated events ----

    @Test
    void generateEventsFillsTheHours() {
        ObjectNode s = settings("{'hours': {'start': '09:00', 'end': '12:00'}, 'days': [1, 2], 'price': 10, "
                + "'currency': 'USD'}");
        ArrayNode events = Availability.generateEvents(s, 45);
        assertEquals(4, events.size());
        assertEquals(List.of("09:00", "09:45", "10:30", "11:15"),
                StreamSupport.stream(events.spliterator(), false)
                        .map(e -> e.get("start").asText()).toList());
        JsonNode first = events.get(0);
        assertEquals(1, first.get("type_id").asInt());
        assertEquals(45, first.get("duration").asInt());
        assertEquals(10, first.get("price").asInt());
        assertEquals("USD", first.get("currency").asText());
        assertEquals("week", first.at("/rpt/type").asText());
        assertTrue(first.at("/rpt/status").asBoolean());
        assertEquals("[1,2]", first.at("/rpt/days").toString());

        s.set("events", events);
        Availability a = Availability.of(settings(s.toString()), BERLIN, Y2026, null);
        assertEquals(2, a.resolve(d("2026-03-03"), t("10:30"), 45).template());
        rejects(a, "2026-03-04", "10:30", 45, "date");

        ArrayNode allDay = Availability.generateEvents(settings("{}"), 60);
        assertEquals(24, allDay.size());
        assertEquals("23:00", allDay.get(23).get("start").asText());
        assertEquals("[0,1,2,3,4,5,6]", allDay.get(0).at("/rpt/days").toString());
        assertFalse(allDay.get(0).has("price"));
        assertEquals(96, Availability.generateEvents(settings("{'hours': {'start': '00:00', 'end': '24:00'}}"), 15)
                .size());
        assertThrows(ValidationFailed.class, () -> Availability.generateEvents(settings("{}"), 10));
    }

    @Test
    void bookingDateFieldToLocalDate() {
        assertEquals(d("2026-03-10"), Availability.localDate("2026-03-09T23:00:00Z", BERLIN));
        assertEquals(d("2026-03-09"), Availability.localDate("2026-03-10T00:00:00Z", NEW_YORK));
        assertEquals(d("2026-03-10"), Availability.localDate("2026-03-10", NEW_YORK));
        assertEquals(d("2026-03-10"), Availability.localDate("2026-03-10T00:00:00", NEW_YORK));
        assertEquals(null, Availability.localDate("nope", NEW_YORK));
    }
}
