package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.assertField;
import static com.ceki.tests.UserSchedulesTest.body;
import static com.ceki.tests.UserSchedulesTest.create;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Booking a schedule through the API: availability in the schedule's zone (hours, days, daylight-saving gaps and
 * overlaps), no overlapping confirmed bookings even under a race, and what bookings cost and have been paid.
 */
class BookingTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("booking-owner");
    private final Users.SignedIn guest = Users.signUp("booking-guest");

    private long schedule(String timezone, Map<String, Object> settings) {
        return create(api, owner.token(), body("Bookable", timezone, settings));
    }

    private static Map<String, Object> allDay() {
        return new HashMap<>(Map.of("days", List.of(0, 1, 2, 3, 4, 5, 6), "hours", Map.of("start", "00:00", "end", "24:00"),
                "duration", 60, "price", 40, "currency", "USD"));
    }

    private Api.Response book(long schedule, String date, String start, Integer duration) {
        Map<String, Object> body = new HashMap<>(Map.of("date", date, "start", start, "label", "Meeting"));
        if (duration != null) {
            body.put("duration", duration);
        }
        return api.post("/api/schedules/" + schedule + "/events", body, guest.token());
    }

    private JsonNode booked(long schedule, String date, String start, Integer duration) {
        Api.Response r = book(schedule, date, start, duration);
        assertEquals(201, r.status(), r::toString);
        return r.body();
    }

    @Test
    void bookingMustFitTheHoursAndDays() {
        long id = schedule("UTC", UserSchedulesTest.weekdays9to17());
        JsonNode event = booked(id, "2027-03-01", "09:00", 60); // a Monday
        assertEquals("2027-03-01T09:00:00Z", event.path("start").asText());
        assertEquals("2027-03-01T10:00:00Z", event.path("end").asText());
        assertEquals(200, event.path("status_id").asInt());
        assertEquals(1, event.path("type_id").asInt());
        assertEquals(id, event.path("kal_schedule_id").asLong());
        assertEquals("40.00", event.path("amount").asText());
        assertEquals(100, event.path("payment_status_id").asInt());
        assertEquals(guest.id(), event.path("user_id").asLong());

        assertEquals("16:00", booked(id, "2027-03-01", "16:00", 60).path("start").asText().substring(11, 16), "ends exactly at 17:00");
        assertField(book(id, "2027-03-01", "08:30", 60), "start");
        assertField(book(id, "2027-03-01", "16:30", 60), "duration"); // would end after 17:00
        assertField(book(id, "2027-03-06", "10:00", 60), "date"); // a Saturday
        assertField(book(id, "2027-03-01", "12:00", 14), "duration");
        assertField(book(id, "2020-03-02", "10:00", 60), "date"); // before the schedule starts
        assertField(book(id, "not-a-date", "10:00", 60), "date");
        assertField(book(id, "2027-03-01", "25:00", 60), "start");
        assertEquals("30.00", booked(id, "2027-03-02", "10:00", 45).path("amount").asText(), "priced pro rata: 40 per 60 minutes");
    }

    @Test
    void aBannedOwnersScheduleTakesNoBookings() {
        Users.SignedIn banned = Users.signUp("banned-owner");
        long id = create(api, banned.token(), body("Gone", "UTC", UserSchedulesTest.weekdays9to17()));
        booked(id, "2027-03-01", "09:00", 60);
        new UserRepository(TestServer.table()).setBanned(banned.id(), true, Instant.now());
        Api.Response refused = book(id, "2027-03-01", "11:00", 60);
        assertEquals(404, refused.status(), refused::toString);
    }

    @Test
    void overlappingConfirmedBookingsAreRefused() {
        long id = schedule("UTC", UserSchedulesTest.weekdays9to17());
        booked(id, "2027-03-03", "10:00", 60);
        assertEquals(409, book(id, "2027-03-03", "10:00", 60).status());
        assertEquals(409, book(id, "2027-03-03", "10:30", 60).status(), "overlaps the second half");
        assertEquals(409, book(id, "2027-03-03", "09:30", 60).status(), "overlaps the first half");
        booked(id, "2027-03-03", "11:00", 30); // back to back is fine
        booked(id, "2027-03-03", "09:00", 60);
        Map<String, Object> tentative = new HashMap<>(Map.of("date", "2027-03-03", "start", "10:00", "label", "Maybe", "status_id", 100));
        Api.Response pending = api.post("/api/schedules/" + id + "/events", tentative, guest.token());
        assertEquals(201, pending.status(), "a new (unconfirmed) booking does not hold the time");
        assertEquals(100, pending.body().path("status_id").asInt());
    }

    @Test
    void twentyParallelRequestsForOneSlotGiveExactlyOneBooking() throws Exception {
        long id = schedule("Europe/Berlin", UserSchedulesTest.weekdays9to17());
        int n = 20;
        List<Integer> statuses = Parallel.run(n, i -> book(id, "2027-03-04", "14:00", 60)).stream().map(Api.Response::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        List<Item> events = storedEvents(id);
        assertEquals(1, events.size(), "exactly one booking stored");
        assertEquals("2027-03-04T13:00:00Z", events.get(0).string("start"), "14:00 in Berlin (CET)");
    }

    @Test
    void parallelOverlappingRequestsLeaveOnlyDisjointBookings() throws Exception {
        long id = schedule("UTC", UserSchedulesTest.weekdays9to17());
        // 16 requests of 60 minutes starting every 15 minutes from 09:00: each overlaps its three neighbours.
        List<String> starts = new ArrayList<>();
        for (int minute = 9 * 60; minute <= 12 * 60 + 45; minute += 15) {
            starts.add(String.format("%02d:%02d", minute / 60, minute % 60));
        }
        List<Api.Response> responses = Parallel.run(starts.size(), i -> book(id, "2027-03-05", starts.get(i), 60));
        List<JsonNode> made = responses.stream().filter(r -> r.status() == 201).map(Api.Response::body).toList();
        assertEquals(starts.size(), made.size() + responses.stream().filter(r -> r.status() == 409).count(),
                () -> "only 201 and 409: " + responses);
        for (JsonNode a : made) {
            for (JsonNode b : made) {
                if (a != b) {
                    boolean disjoint = a.path("end").asText().compareTo(b.path("start").asText()) <= 0
                            || b.path("end").asText().compareTo(a.path("start").asText()) <= 0;
                    assertEquals(true, disjoint, () -> "overlapping bookings " + a + " and " + b);
                }
            }
        }
        assertEquals(made.size(), storedEvents(id).size());
        assertEquals(true, made.size() >= 1 && made.size() <= 4, () -> made.size() + " bookings in 09:00-13:45");
    }

    /** The one time rule: a date-time with an offset and no start is that instant (this was a 422 before). */
    @Test
    void aBookingByInstantNeedsNoStart() {
        long utc = schedule("UTC", UserSchedulesTest.weekdays9to17());
        Api.Response intro = api.post("/api/schedules/" + utc + "/events",
                Map.of("date", "2027-03-15T14:00:00Z", "duration", 60, "label", "Intro call"), guest.token());
        assertEquals(201, intro.status(), intro::toString);
        assertEquals("2027-03-15T14:00:00Z", intro.body().path("start").asText());
        assertEquals("2027-03-15T15:00:00Z", intro.body().path("end").asText());
        assertEquals(409, api.post("/api/schedules/" + utc + "/events", Map.of("date", "2027-03-15T14:30:00Z",
                "duration", 30, "label", "Overlap"), guest.token()).status(), "the instant holds its time like a local one");

        // Placed in the schedule's zone: 16:30Z is 17:30 in Berlin that Monday, after its hours; 15:00Z is 16:00.
        long berlin = schedule("Europe/Berlin", UserSchedulesTest.weekdays9to17());
        assertField(api.post("/api/schedules/" + berlin + "/events",
                Map.of("date", "2027-03-15T16:30:00Z", "duration", 60, "label", "Late"), guest.token()), "start");
        Api.Response local = api.post("/api/schedules/" + berlin + "/events",
                Map.of("date", "2027-03-15T16:00:00+01:00", "duration", 60, "label", "Offset"), guest.token());
        assertEquals(201, local.status(), local::toString);
        assertEquals("2027-03-15T15:00:00Z", local.body().path("start").asText());
        assertEquals("2027-03-15", local.body().path("date").asText());
        // A date-time with a time of day and a start too is ambiguous.
        assertField(api.post("/api/schedules/" + utc + "/events", Map.of("date", "2027-03-16T14:00:00Z", "start", "10:00",
                "duration", 60, "label", "Both"), guest.token()), "start");
    }

    @Test
    void parallelPaymentsNeverPayABookingTwice() throws Exception {
        long id = schedule("UTC", UserSchedulesTest.weekdays9to17());
        long booking = booked(id, "2027-03-08", "09:00", 60).path("id").asLong(); // 40.00
        List<Api.Response> paid = Parallel.run(8, i -> api.post("/api/schedules/" + id + "/payments",
                Map.of("date", "2027-03-08T12:00:00Z", "amount", 10, "ids", List.of(booking)), owner.token()));
        paid.forEach(r -> assertEquals(201, r.status(), r::toString));
        Item stored = Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name()).consistentRead(true)
                .key(Item.key(Keys.event(booking), Keys.EVENT).map())).item());
        assertEquals(0, new BigDecimal("40").compareTo(stored.decimal("paid")), "four payments of 10 fill it; the rest apply nothing");
        assertEquals(200, stored.number("payment_status_id"));
        // Each payment saw the booking as it was when it committed: 10, 20, 30, 40 once each, then 40 for those left over.
        List<String> seen = paid.stream().map(r -> r.body().path("events").get(0).path("paid").asText()).sorted().toList();
        assertEquals(List.of("10.00", "20.00", "30.00", "40.00", "40.00", "40.00", "40.00", "40.00"), seen);
        assertEquals(9, storedEvents(id).size(), "the booking and 8 payment events");
    }

    /** The schedule's events as its listing index holds them (the emulator's GSI is up to date at once). */
    private static List<Item> storedEvents(long scheduleId) {
        return Queries.all(TestServer.table(), QueryRequest.builder().tableName(TestServer.table().name())
                .indexName(Table.GSI1).keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.billableEvents("Schedule", scheduleId))))
                .build());
    }

    @Test
    void newYorkSpringGapAndAutumnOverlap() {
        long id = schedule("America/New_York", allDay());
        assertField(book(id, "2027-03-14", "02:30", 30), "start"); // 02:00-03:00 does not exist that day
        assertEquals("2027-03-14T07:00:00Z", booked(id, "2027-03-14", "03:00", 60).path("start").asText());
        assertEquals("2027-03-13T06:00:00Z", booked(id, "2027-03-13", "01:00", 60).path("start").asText());
        // 01:30 happens twice on 2027-11-07: it resolves to the first (EDT) and can be booked once.
        assertEquals("2027-11-07T05:30:00Z", booked(id, "2027-11-07", "01:30", 30).path("start").asText());
        assertEquals(409, book(id, "2027-11-07", "01:30", 30).status());
        // 09:00 every Monday stays 09:00 local across the change.
        assertEquals("2027-03-08T14:00:00Z", booked(id, "2027-03-08", "09:00", 60).path("start").asText());
        assertEquals("2027-03-15T13:00:00Z", booked(id, "2027-03-15", "09:00", 60).path("start").asText());
    }

    @Test
    void berlinSpringGapAndAutumnOverlap() {
        long id = schedule("Europe/Berlin", allDay());
        assertField(book(id, "2027-03-28", "02:30", 30), "start");
        assertEquals("2027-03-28T01:00:00Z", booked(id, "2027-03-28", "03:00", 60).path("start").asText());
        assertEquals("2027-10-31T00:30:00Z", booked(id, "2027-10-31", "02:30", 30).path("start").asText());
        assertEquals(409, book(id, "2027-10-31", "02:30", 30).status());
        JsonNode across = booked(id, "2027-10-31", "01:30", 60); // 01:30 CEST + 60 elapsed minutes
        assertEquals("2027-10-30T23:30:00Z", across.path("start").asText());
        assertEquals("2027-10-31T00:30:00Z", across.path("end").asText());
    }

    @Test
    void moscowHasNoDaylightSaving() {
        long id = schedule("Europe/Moscow", allDay());
        assertEquals("2027-01-11T06:00:00Z", booked(id, "2027-01-11", "09:00", 60).path("start").asText());
        assertEquals("2027-07-12T06:00:00Z", booked(id, "2027-07-12", "09:00", 60).path("start").asText());
    }

    @Test
    void singleEventAndOneByOneSchedules() {
        Map<String, Object> single = UserSchedulesTest.weekdays9to17();
        single.put("singleEvent", true);
        long one = schedule("UTC", single);
        booked(one, "2027-03-01", "09:00", 60);
        assertEquals(409, book(one, "2027-03-01", "15:00", 60).status(), "one booking a day");
        booked(one, "2027-03-02", "15:00", 60);

        Map<String, Object> grid = UserSchedulesTest.weekdays9to17();
        grid.put("oneByOne", true);
        long slots = schedule("UTC", grid);
        assertField(book(slots, "2027-03-01", "09:30", 60), "start");
        assertField(book(slots, "2027-03-01", "10:00", 30), "duration");
        booked(slots, "2027-03-01", "10:00", null);
    }

    @Test
    void aTemplateRunningPastMidnightHoldsBothDays() {
        Map<String, Object> settings = new HashMap<>(Map.of("currency", "USD", "events", List.of(
                Map.of("start", "23:30", "duration", 60, "price", 30, "rpt", Map.of("type", "week", "days", List.of(1))),
                Map.of("start", "00:00", "duration", 30, "price", 15, "rpt", Map.of("type", "week", "days", List.of(2))))));
        long id = schedule("Europe/Berlin", settings);
        JsonNode late = booked(id, "2027-03-01", "23:30", 60); // Monday 23:30 to Tuesday 00:30
        assertEquals("30.00", late.path("amount").asText(), "the template's price");
        assertEquals(409, book(id, "2027-03-02", "00:00", 30).status(), "Tuesday 00:00 is inside Monday's booking");
        assertField(book(id, "2027-03-01", "22:30", 60), "start"); // not a template time
        assertEquals(30, booked(id, "2027-03-09", "00:00", null).path("duration").asInt(), "the template's length when none is sent");
    }

    @Test
    void relabelsAndRecordsPaymentsForBookings() {
        long id = schedule("UTC", UserSchedulesTest.weekdays9to17());
        long first = booked(id, "2027-03-01", "09:00", 60).path("id").asLong();
        long second = booked(id, "2027-03-01", "10:00", 60).path("id").asLong();
        String path = "/api/schedules/" + id;

        Api.Response relabeled = api.post(path + "/events/label", Map.of("label", "Sprint review", "ids", List.of(first, second)), owner.token());
        assertEquals(200, relabeled.status(), relabeled::toString);
        assertEquals("Sprint review", relabeled.body().get(1).path("label").asText());
        assertEquals(404, api.post(path + "/events/label", Map.of("label", "x", "ids", List.of(first)), guest.token()).status(),
                "a guest who booked is not a member");
        assertField(api.post(path + "/events/label", Map.of("label", "x", "ids", List.of(first, 123)), owner.token()), "ids.1");

        Api.Response paid = api.post(path + "/payments", Map.of("date", "2027-03-01T12:00:00Z", "amount", 60, "ids", List.of(first, second)), owner.token());
        assertEquals(201, paid.status(), paid::toString);
        assertEquals(3, paid.body().path("type_id").asInt());
        assertEquals("60.00", paid.body().path("amount").asText());
        assertEquals(200, paid.body().path("events").get(0).path("payment_status_id").asInt());
        assertEquals("40.00", paid.body().path("events").get(0).path("paid").asText());
        assertEquals(300, paid.body().path("events").get(1).path("payment_status_id").asInt());
        assertEquals("20.00", paid.body().path("events").get(1).path("paid").asText());

        Api.Response rest = api.post(path + "/payments", Map.of("date", "2027-03-02T12:00:00Z", "amount", 20, "ids", List.of(second)), owner.token());
        assertEquals(200, rest.body().path("events").get(0).path("payment_status_id").asInt(), rest::toString);
        Item stored = Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name()).consistentRead(true)
                .key(Item.key(Keys.event(second), Keys.EVENT).map())).item());
        assertEquals(0, new BigDecimal("40").compareTo(stored.decimal("paid")));

        assertField(api.post(path + "/payments", Map.of("date", "2027-03-02T12:00:00Z", "amount", 0, "ids", List.of(second)), owner.token()), "amount");
        assertField(api.post(path + "/payments", Map.of("date", "2027-03-02T12:00:00Z", "amount", 5, "ids", List.of(999)), owner.token()), "ids.0");
        assertField(api.post(path + "/payments", Map.of("amount", 5, "ids", List.of(second)), owner.token()), "date");
    }
}
