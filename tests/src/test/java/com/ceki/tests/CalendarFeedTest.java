package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import java.io.StringReader;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;

/**
 * A kal as an iCalendar feed that calendar apps subscribe to, read with a real parser (ical4j): one VEVENT per
 * event of the kal and of the kals linked into it, stable UIDs, a SEQUENCE that grows with each change, cancelled
 * events kept as such, and a secret URL that asking again revokes.
 */
class CalendarFeedTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("feed-owner");
    private final Users.SignedIn booker = Users.signUp("feed-booker");

    private long kal(String label) {
        Api.Response r = api.post("/api/kals", Map.of("label", label, "private", true), owner.token());
        assertEquals(201, r.status(), r::toString);
        return r.body().path("id").asLong();
    }

    private long scheduleIn(long kal) {
        Map<String, Object> body = new HashMap<>(UserSchedulesTest.body("Feed", "Europe/Berlin", UserSchedulesTest.weekdays9to17()));
        body.put("kal_id", kal);
        return create(api, owner.token(), body);
    }

    private long book(long schedule, String date, String start, String label) {
        Api.Response r = api.post("/api/schedules/" + schedule + "/events", Map.of("date", date, "start", start,
                "duration", 60, "label", label), booker.token());
        assertEquals(201, r.status(), r::toString);
        return r.body().path("id").asLong();
    }

    private String feedUrl(long kal) {
        Api.Response r = api.post("/api/kals/" + kal + "/feed", Map.of(), owner.token());
        assertEquals(201, r.status(), r::toString);
        return r.body().path("url").asText();
    }

    /** The feed as a calendar app reads it: without any credential. */
    private Api.Response fetch(String url) {
        return api.get(URI.create(url).getPath());
    }

    private static Calendar parse(Api.Response feed) throws Exception {
        assertEquals(200, feed.status(), feed::toString);
        assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body().asText()));
        calendar.validate();
        return calendar;
    }

    private static List<Component> vevents(Calendar calendar) {
        return calendar.getComponents().stream().map(c -> (Component) c).filter(c -> c.getName().equals("VEVENT")).toList();
    }

    private static String value(Component c, String property) {
        return c.getProperty(property).map(p -> ((Property) p).getValue()).orElse(null);
    }

    private static Component byUid(Calendar calendar, long event) {
        return vevents(calendar).stream().filter(c -> value(c, "UID").equals("event-" + event + "@ceki")).findFirst()
                .orElseThrow(() -> new AssertionError("no VEVENT of event " + event));
    }

    @Test
    void aKalsEventsAsAFeedOtherCalendarsSubscribeTo() throws Exception {
        long kal = kal("Work");
        long linked = kal("Side projects");
        long schedule = scheduleIn(kal);
        long sideSchedule = scheduleIn(linked);
        long first = book(schedule, "2027-01-11", "10:00", "Review; part 1, with \"quotes\"");
        long second = book(schedule, "2027-01-12", "11:00", "Planning");
        long side = book(sideSchedule, "2027-01-13", "09:00", "Side");
        assertEquals(200, api.post("/api/kals/" + kal + "/links", Map.of("id", linked, "from", true), owner.token()).status());

        String url = feedUrl(kal);
        Calendar calendar = parse(fetch(url));
        assertEquals(3, vevents(calendar).size(), "the kal's two bookings and the linked kal's one");
        Component review = byUid(calendar, first);
        assertEquals("Review; part 1, with \"quotes\"", value(review, "SUMMARY"), "text escaping survives parsing");
        assertEquals("20270111T090000Z", value(review, "DTSTART"), "10:00 in Berlin in January is 09:00 UTC");
        assertEquals("20270111T100000Z", value(review, "DTEND"));
        assertEquals("CONFIRMED", value(review, "STATUS"));
        assertEquals("0", value(byUid(calendar, second), "SEQUENCE"));
        byUid(calendar, side);

        // A rename raises SEQUENCE; a cancelled booking stays, cancelled.
        assertEquals(200, api.send("PUT", "/api/events/" + second, Map.of("label", "Planning (moved room)"), booker.token()).status());
        assertEquals(200, api.send("PUT", "/api/events/" + first, Map.of("status_id", 444), booker.token()).status());
        Calendar after = parse(fetch(url));
        assertEquals(3, vevents(after).size());
        assertEquals("1", value(byUid(after, second), "SEQUENCE"));
        assertEquals("Planning (moved room)", value(byUid(after, second), "SUMMARY"));
        assertEquals("CANCELLED", value(byUid(after, first), "STATUS"));
        assertEquals(value(byUid(calendar, second), "UID"), value(byUid(after, second), "UID"), "UIDs are stable");
        // The cancelled booking freed its time.
        book(schedule, "2027-01-11", "10:00", "Replacement");

        // Asking again revokes the old URL; unknown and malformed tokens are not found either.
        String renewed = feedUrl(kal);
        assertEquals(404, fetch(url).status());
        assertEquals(4, vevents(parse(fetch(renewed))).size());
        assertEquals(404, fetch(renewed.substring(0, renewed.length() - 1) + (renewed.endsWith("A") ? "B" : "A")).status());
        assertEquals(404, api.get("/api/feeds/not-a-token").status());
        // Only the kal's owner asks for its feed.
        assertEquals(404, api.post("/api/kals/" + kal + "/feed", Map.of(), booker.token()).status());
    }

    /**
     * What made feeds invalid: a running clock (no end yet) exported into the kal got a DTEND equal to its DTSTART,
     * and control characters in a label went into the feed as they were.
     */
    @Test
    void aRunningClockAndControlCharactersKeepTheFeedValid() throws Exception {
        long kal = kal("Clocks");
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.handOf(contract, owner, owner.id());
        Api.Response clock = api.post("/api/hands/" + hand + "/start", Map.of(), owner.token());
        assertEquals(201, clock.status(), clock::toString);
        Api.Response copy = api.post("/api/contracts/" + contract + "/events/" + clock.body().path("id").asLong()
                + "/export/" + kal, Map.of(), owner.token());
        assertEquals(201, copy.status(), copy::toString);
        long booked = book(scheduleIn(kal), "2027-01-14", "10:00", "Bell\u0007 NUL\u0000 DEL\u007F tab\t.");

        Calendar calendar = parse(fetch(feedUrl(kal)));
        Component running = byUid(calendar, copy.body().path("id").asLong());
        assertNull(value(running, "DTEND"), "no end yet: no DTEND");
        assertEquals("Bell NUL DEL tab\t.", value(byUid(calendar, booked), "SUMMARY"));
    }
}
