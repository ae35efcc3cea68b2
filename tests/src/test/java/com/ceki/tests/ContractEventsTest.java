package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.assertField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A contract's events as its members see them, through the API: the listing with the reference's filters and
 * sorts in Laravel's full paginator (links on the first, a middle, the last and an empty page, query strings kept),
 * what a member's read level lets them see, meetings and their changes, exporting into one's kal, and deleting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractEventsTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("events-owner");
    private final Users.SignedIn member = Users.signUp("events-member");
    private long contract;
    private final List<Long> entries = new ArrayList<>();

    /** 40 time entries of the member (one a day of November's first 20 days, two each) and 2 meetings of the owner. */
    @BeforeAll
    void logTime() {
        contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        for (int day = 1; day <= 20; day++) {
            for (String start : List.of("09:00", "11:00")) {
                Api.Response r = api.post("/api/contracts/" + contract + "/time", Map.of("date",
                        "2026-11-%02d".formatted(day), "start", start, "duration", day * 5 + 10), member.token());
                assertEquals(201, r.status(), r::toString);
                entries.add(r.body().path("id").asLong());
            }
        }
        for (String label : List.of("Kick-off", "Review")) {
            assertEquals(201, api.post("/api/contracts/" + contract + "/events", Map.of("label", label, "date",
                    "2026-11-25", "start", "10:00", "duration", 60, "amount", 50), owner.token()).status());
        }
    }

    private JsonNode page(String query) {
        Api.Response r = api.get("/api/contracts/" + contract + "/events" + query, owner.token());
        assertEquals(200, r.status(), r::toString);
        return r.body();
    }

    private static List<String> labels(JsonNode page) {
        List<String> labels = new ArrayList<>();
        page.path("links").forEach(l -> labels.add(l.path("label").asText() + (l.path("active").asBoolean() ? "*" : "")));
        return labels;
    }

    @Test
    void theFullPaginatorKeepsTheQueryStringOnEveryPage() {
        String base = TestServer.get().baseUrl() + "/api/contracts/" + contract + "/events";
        JsonNode first = page("?type_id=2&perPage=2");
        assertEquals(40, first.path("total").asInt());
        assertEquals(20, first.path("last_page").asInt());
        assertEquals(1, first.path("from").asInt());
        assertEquals(2, first.path("to").asInt());
        assertEquals(base, first.path("path").asText());
        assertEquals(base + "?type_id=2&perPage=2&page=1", first.path("first_page_url").asText());
        assertEquals(base + "?type_id=2&perPage=2&page=2", first.path("next_page_url").asText());
        assertEquals(base + "?type_id=2&perPage=2&page=20", first.path("last_page_url").asText());
        assertTrue(first.path("prev_page_url").isNull());
        assertEquals(List.of("&laquo; Previous", "1*", "2", "3", "4", "5", "6", "7", "8", "9", "10", "...", "19", "20",
                "Next &raquo;"), labels(first));
        assertTrue(first.path("links").get(0).path("url").isNull());

        JsonNode middle = page("?type_id=2&perPage=2&page=10");
        assertEquals(List.of("&laquo; Previous", "1", "2", "...", "7", "8", "9", "10*", "11", "12", "13", "...", "19", "20",
                "Next &raquo;"), labels(middle));
        assertEquals(base + "?type_id=2&perPage=2&page=9", middle.path("prev_page_url").asText());
        assertEquals(19, middle.path("from").asInt());

        JsonNode last = page("?type_id=2&perPage=2&page=20");
        assertEquals(List.of("&laquo; Previous", "1", "2", "...", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20*",
                "Next &raquo;"), labels(last));
        assertTrue(last.path("next_page_url").isNull());
        assertEquals(2, last.path("data").size());

        JsonNode empty = page("?type_id=3&perPage=2");
        assertEquals(0, empty.path("total").asInt());
        assertTrue(empty.path("from").isNull());
        assertTrue(empty.path("to").isNull());
        assertEquals(1, empty.path("last_page").asInt());
        assertEquals(List.of("&laquo; Previous", "1*", "Next &raquo;"), labels(empty));
        assertEquals(base + "?type_id=3&perPage=2&page=1", empty.path("links").get(1).path("url").asText());

        JsonNode beyond = page("?type_id=2&perPage=15&page=9");
        assertEquals(0, beyond.path("data").size());
        assertEquals(3, beyond.path("last_page").asInt());
    }

    @Test
    void filtersAndSorts() {
        JsonNode byTime = page("?perPage=100");
        assertEquals(42, byTime.path("total").asInt());
        for (int i = 1; i < byTime.path("data").size(); i++) {
            String earlier = byTime.path("data").get(i).path("start").asText();
            assertTrue(earlier.compareTo(byTime.path("data").get(i - 1).path("start").asText()) <= 0, "newest first by default");
        }
        JsonNode window = page("?perPage=100&dates%5Bfrom%5D=2026-11-05T00:00:00Z&dates%5Bto%5D=2026-11-06T23:59:59Z");
        assertEquals(4, window.path("total").asInt(), window::toString);
        JsonNode meetings = page("?type_id=1&status_id=100");
        assertEquals(2, meetings.path("total").asInt());
        assertEquals(40, page("?user_id=" + member.id()).path("total").asInt());
        JsonNode byAmount = page("?type_id=2&sortBy=amount&descending=false&perPage=3");
        assertEquals(List.of("15.00", "15.00", "20.00"), amounts(byAmount));
        JsonNode byAmountDown = page("?type_id=2&sortBy=amount&perPage=1");
        assertEquals(List.of("110.00"), amounts(byAmountDown));
        assertEquals(2, page("?nn%5B%5D=label&nn%5B%5D=amount").path("total").asInt(), "only the meetings have a label");
        assertEquals(0, page("?payment_status_id=200").path("total").asInt());

        String events = "/api/contracts/" + contract + "/events";
        assertField(api.get(events + "?perPage=0", owner.token()), "perPage");
        assertField(api.get(events + "?perPage=101", owner.token()), "perPage");
        assertField(api.get(events + "?status_id=201", owner.token()), "status_id");
        assertField(api.get(events + "?type_id=5", owner.token()), "type_id");
        assertField(api.get(events + "?sortBy=password", owner.token()), "sortBy");
        assertField(api.get(events + "?nn%5B%5D=secret", owner.token()), "nn.0");
        assertField(api.get(events + "?dates%5Bfrom%5D=yesterday", owner.token()), "dates[from]");
    }

    @Test
    void aMemberWithReadLevelOneSeesOnlyTheirOwn() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        Api.Response others = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-23", "start", "09:00",
                "duration", 30), member.token());
        Users.SignedIn narrow = Users.signUp("events-narrow");
        Api.Response added = api.post("/api/contracts/" + contract + "/hands", Map.of("user_id", narrow.id(), "role_id", 3,
                "read", 1, "schedule", Map.of("price", 10)), owner.token());
        long hand = added.body().path("id").asLong();
        api.post("/api/contracts/" + contract + "/hands/" + hand + "/answer", Map.of("answer", true), narrow.token());
        assertEquals(201, api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-24", "start", "09:00",
                "duration", 30), narrow.token()).status());
        JsonNode own = api.get("/api/contracts/" + contract + "/events", narrow.token()).body();
        assertEquals(1, own.path("total").asInt(), own::toString);
        long someoneElses = others.body().path("id").asLong();
        assertEquals(404, api.send("PUT", "/api/contracts/" + contract + "/events/" + someoneElses,
                Map.of("label", "Mine now"), narrow.token()).status(), "what one may not see is not there");
        Users.SignedIn stranger = Users.signUp("events-stranger");
        assertEquals(404, api.get("/api/contracts/" + contract + "/events", stranger.token()).status());
    }

    @Test
    void meetingsChangeExportAndDelete() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        Api.Response logged = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-20", "start", "11:00",
                "duration", 30), member.token());
        Api.Response created = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Planning",
                "date", "2026-11-26T15:00:00Z", "duration", 45, "attendees", List.of(Map.of("label", member.email()))),
                owner.token());
        assertEquals(201, created.status(), created::toString);
        long meeting = created.body().path("id").asLong();
        assertEquals("2026-11-26T15:45:00Z", created.body().path("end").asText());
        String path = "/api/contracts/" + contract + "/events/" + meeting;
        Api.Response done = api.send("PUT", path, Map.of("status_id", 777, "label", "Planned"), owner.token());
        assertEquals(200, done.status(), done::toString);
        assertEquals(777, done.body().path("status_id").asInt());
        assertEquals(created.body().path("sequence").asLong() + 1, done.body().path("sequence").asLong());
        assertField(api.send("PUT", path, Map.of("status_id", 200), owner.token()), "status_id"); // approving has its route
        assertField(api.send("PUT", path, Map.of("label", ""), owner.token()), "label");

        long kal = api.post("/api/kals", Map.of("label", "Mine", "private", true), member.token()).body().path("id").asLong();
        Api.Response copy = api.post(path + "/export/" + kal, Map.of(), member.token());
        assertEquals(201, copy.status(), copy::toString);
        assertEquals(meeting, copy.body().path("origin_id").asLong());
        assertEquals(kal, copy.body().path("kal_id").asLong());
        assertTrue(copy.body().path("billable_type").isNull(), "the copy is the member's own");
        assertEquals(copy.body().path("id"), api.post(path + "/export/" + kal, Map.of(), member.token()).body().path("id"),
                "exporting again returns that copy");
        long ownersKal = api.post("/api/kals", Map.of("label", "Owner's", "private", true), owner.token()).body().path("id").asLong();
        assertEquals(404, api.post(path + "/export/" + ownersKal, Map.of(), member.token()).status(), "not the member's kal");

        // A member deletes their own unlocked entry, not the owner's meeting; payments and deleted ones are refused.
        String transactions = "/api/contracts/" + contract + "/transactions";
        assertEquals(403, api.send("DELETE", transactions, Map.of("transactions", List.of(meeting)), member.token()).status());
        long mine = logged.body().path("id").asLong();
        Api.Response deleted = api.send("DELETE", transactions, Map.of("transactions", List.of(mine, mine)), member.token());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals("1 transaction deleted.", deleted.body().path("message").asText());
        JsonNode left = api.get("/api/contracts/" + contract + "/events?perPage=100", owner.token()).body();
        left.path("data").forEach(e -> assertTrue(e.path("id").asLong() != mine, "a deleted entry is listed no more"));
        assertEquals(1, left.path("total").asInt(), left::toString);
        // Its time is free again.
        assertEquals(201, api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-20", "start", "11:00",
                "duration", 30), member.token()).status());
        assertField(api.send("DELETE", transactions, Map.of("transactions", List.of()), member.token()), "transactions");
        assertField(api.send("DELETE", transactions, Map.of("transactions", List.of(999_999_999L)), owner.token()), "transactions.0");
    }

    @Test
    void billedEntriesAreLocked() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        long billed = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-20", "start", "11:00",
                "duration", 30), member.token()).body().path("id").asLong();
        Api.Response bill = api.post("/api/contracts/" + contract + "/bills", Map.of("label", "Week 1",
                "data", Map.of("items", List.of(Map.of("id", billed, "type", "time")))), owner.token());
        assertEquals(201, bill.status(), bill::toString);
        Api.Response edit = api.send("PUT", "/api/contracts/" + contract + "/events/" + billed, Map.of("label", "x"), member.token());
        assertEquals(409, edit.status(), edit::toString);
        assertTrue(edit.body().path("message").asText().contains("bill"), edit::toString);
        assertField(api.post("/api/contracts/" + contract + "/transactions/approve", Map.of("transactions", List.of(billed)),
                owner.token()), "transactions.0");
    }

    @Test
    void filesAttachToOnesOwnEvents() {
        long entry = entries.get(2);
        Map<String, Object> doc = Map.of("name", "timesheet.txt", "content_type", "text/plain",
                "data", Base64.getEncoder().encodeToString("9-10 report".getBytes()));
        Api.Response uploaded = api.post("/api/files", Map.of("event", List.of(doc), "event_id", entry), member.token());
        assertEquals(201, uploaded.status(), uploaded::toString);
        long file = uploaded.body().get(0).path("id").asLong();
        JsonNode listed = api.get("/api/contracts/" + contract + "/events?perPage=100", owner.token()).body();
        JsonNode stored = null;
        for (JsonNode e : listed.path("data")) {
            if (e.path("id").asLong() == entry) {
                stored = e;
            }
        }
        assertEquals(List.of(file), stored == null ? List.of() : List.of(stored.path("files").get(0).asLong()), listed::toString);
        assertEquals(404, api.post("/api/files", Map.of("event", List.of(doc), "event_id", entry), owner.token()).status(),
                "the owner did not log that entry: it is the member's to attach to");
        assertField(api.post("/api/files", Map.of("event", List.of(doc)), member.token()), "event_id");
        assertField(api.post("/api/files", Map.of("event_id", entry), member.token()), "event");
    }

    private static List<String> amounts(JsonNode page) {
        List<String> amounts = new ArrayList<>();
        page.path("data").forEach(e -> amounts.add(e.path("amount").asText()));
        return amounts;
    }

    /** A person who exists (a contact of the owner's), known by the address returned. */
    private String personEmail() {
        String email = Agents.uniqueEmail("attendee");
        Api.Response added = api.post("/api/contacts", Map.of("email", email), owner.token());
        assertEquals(200, added.status(), added::toString);
        return email;
    }

    private static List<Map<String, Object>> attendees(List<String> emails) {
        return emails.stream().map(e -> Map.<String, Object>of("label", e)).toList();
    }

    @Test
    void aRunningClockIsNotDeleted() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        Api.Response running = api.post("/api/hands/" + hand + "/start", Map.of(), member.token());
        assertEquals(201, running.status(), running::toString);
        long entry = running.body().path("id").asLong();
        Api.Response refused = api.send("DELETE", "/api/contracts/" + contract + "/transactions",
                Map.of("transactions", List.of(entry)), member.token());
        assertEquals(409, refused.status(), refused::toString);
        assertTrue(refused.body().path("message").asText().contains("stop the clock first"), refused::toString);
        Api.Response stopped = api.post("/api/hands/" + hand + "/stop", Map.of(), member.token());
        assertEquals(200, stopped.status(), stopped::toString);
        assertEquals(entry, stopped.body().path("id").asLong());
        assertEquals(200, api.send("DELETE", "/api/contracts/" + contract + "/transactions",
                Map.of("transactions", List.of(entry)), member.token()).status(), "stopped, it may go");
    }

    @Test
    void attendeesAndBillDataAreBoundedBeforeStorage() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        Api.Response extra = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Padded",
                "attendees", List.of(Map.of("label", member.email(), "note", "x".repeat(5000)))), owner.token());
        assertField(extra, "attendees.0.note");
        // 97 items of 50 fields of 100 two-byte characters: about 1 MB, past what one item holds.
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= 97; i++) {
            items.add(Map.of("id", i, "type", "time", "fields", Collections.nCopies(50, "é".repeat(100))));
        }
        Api.Response bill = api.post("/api/contracts/" + contract + "/bills", Map.of("label", "Huge",
                "data", Map.of("items", items)), owner.token());
        assertField(bill, "data.items");
    }

    @Test
    void aMeetingMovesAndLosesAnAttendeeInOneChange() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        String guestEmail = personEmail();
        Users.SignedIn guest = Users.signUp("events-guest");
        Api.Response created = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Sync",
                "date", "2026-11-26T15:00:00Z", "duration", 30, "attendees", attendees(List.of(guest.email(), guestEmail))),
                owner.token());
        assertEquals(201, created.status(), created::toString);
        long meeting = created.body().path("id").asLong();
        assertEquals(200, api.get("/api/events/" + meeting, guest.token()).status(), "invited, the guest reads it");
        Api.Response moved = api.send("PUT", "/api/contracts/" + contract + "/events/" + meeting, Map.of(
                "date", "2026-11-27T09:00:00Z", "attendees", attendees(List.of(guestEmail))), owner.token());
        assertEquals(200, moved.status(), moved::toString);
        assertEquals("2026-11-27T09:00:00Z", moved.body().path("start").asText());
        assertEquals(404, api.get("/api/events/" + meeting, guest.token()).status(), "no longer an attendee");
        JsonNode read = api.get("/api/events/" + meeting, owner.token()).body();
        assertEquals("2026-11-27T09:00:00Z", read.path("event").path("start").asText(), read::toString);

        // 50 attendees swapped for 50 others are more writes than one transaction: a 422, not a 500.
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(personEmail());
            second.add(personEmail());
        }
        Api.Response big = api.post("/api/contracts/" + contract + "/events", Map.of("label", "All hands",
                "date", "2026-11-26T10:00:00Z", "attendees", attendees(first)), owner.token());
        assertEquals(201, big.status(), big::toString);
        assertField(api.send("PUT", "/api/contracts/" + contract + "/events/" + big.body().path("id").asLong(),
                Map.of("attendees", attendees(second)), owner.token()), "attendees");
    }

    @Test
    void billsAndOtherHandsRatesNeedReadLevelThree() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        Users.SignedIn colleague = Users.signUp("events-colleague");
        ContractFixtures.acceptedHand(contract, owner, colleague, 3, "45", 0);
        long theirs = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-20", "start", "11:00",
                "duration", 30), colleague.token()).body().path("id").asLong();
        long mine = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-20", "start", "13:00",
                "duration", 30), member.token()).body().path("id").asLong();
        Api.Response bill = api.post("/api/contracts/" + contract + "/bills", Map.of("label", "November",
                "data", Map.of("items", List.of(Map.of("id", theirs, "type", "time")))), owner.token());
        assertEquals(201, bill.status(), bill::toString);
        long billId = bill.body().path("id").asLong();

        JsonNode bills = api.get("/api/contracts/" + contract + "/events?type_id=4", member.token()).body();
        assertEquals(0, bills.path("total").asInt(), bills::toString);
        assertEquals(0, bills.path("data").size(), bills::toString);
        JsonNode all = api.get("/api/contracts/" + contract + "/events?perPage=100", member.token()).body();
        assertEquals(2, all.path("total").asInt(), "the two entries, not the bill: " + all);
        assertEquals(404, api.get("/api/events/" + billId, member.token()).status());
        assertEquals(1, api.get("/api/contracts/" + contract + "/events?type_id=4", owner.token()).body().path("total").asInt());
        assertEquals(200, api.get("/api/events/" + billId, owner.token()).status());

        // A member sees their own rate, not the colleague's; the owner sees both.
        for (JsonNode e : all.path("data")) {
            if (e.path("id").asLong() == mine) {
                assertEquals("60.00", e.path("rate").asText(), e::toString);
            } else {
                assertEquals(theirs, e.path("id").asLong());
                assertTrue(e.path("rate").isNull(), e::toString);
            }
        }
        JsonNode owners = api.get("/api/contracts/" + contract + "/events?type_id=2", owner.token()).body();
        assertEquals(2, owners.path("data").size(), owners::toString);
        owners.path("data").forEach(e -> assertTrue(!e.path("rate").isNull(), e::toString));
        // The same through /api/events, which reaches every event.
        assertTrue(api.get("/api/events/" + theirs, member.token()).body().path("event").path("rate").isNull());
        assertEquals("60.00", api.get("/api/events/" + mine, member.token()).body().path("event").path("rate").asText());
        assertEquals("45.00", api.get("/api/events/" + theirs, owner.token()).body().path("event").path("rate").asText());
    }
}
