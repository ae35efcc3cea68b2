package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.assertField;
import static com.ceki.tests.UserSchedulesTest.body;
import static com.ceki.tests.UserSchedulesTest.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Any event a person takes part in, through {@code /api/events}: who sees it (attendees, readers by role, nobody
 * else), attendance answers, changes by the owner and corrections by the others (applied by the deciding up vote,
 * refused when stale, applied once when deciding votes race, never on a locked transaction), starting an event by
 * id or external id, the personal tracker, and a person's events in a window.
 */
class EventsTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn host = Users.signUp("agenda-host");
    private final Users.SignedIn booker = Users.signUp("agenda-booker");
    private final Users.SignedIn guest = Users.signUp("agenda-guest");

    /** A booking of {@code host}'s schedule by {@code booker}, with {@code guest} as its attendee: three attendees. */
    private JsonNode booking(long schedule, String date, String start) {
        Api.Response r = api.post("/api/schedules/" + schedule + "/events", Map.of("date", date, "start", start,
                "duration", 60, "label", "Intro", "attendees", List.of(Map.of("label", guest.email()))), booker.token());
        assertEquals(201, r.status(), r::toString);
        return r.body();
    }

    private long schedule() {
        return create(api, host.token(), body("Agenda", "UTC", UserSchedulesTest.weekdays9to17()));
    }

    private Api.Response get(long event, Users.SignedIn who) {
        return api.get("/api/events/" + event, who.token());
    }

    @Test
    void attendeesAndReadersByRoleSeeAnEventStrangersDoNot() {
        long schedule = schedule();
        long event = booking(schedule, "2027-04-05", "10:00").path("id").asLong();
        assertEquals(1, get(event, booker).body().path("pivot").path("role_id").asInt(), "the booker owns it");
        assertEquals(2, get(event, host).body().path("pivot").path("role_id").asInt(), "the schedule's owner hosts it");
        JsonNode asGuest = get(event, guest).body();
        assertEquals(3, asGuest.path("pivot").path("role_id").asInt());
        assertEquals(100, asGuest.path("pivot").path("status_id").asInt(), "not answered yet");
        assertTrue(asGuest.path("corrections").isArray() && asGuest.path("kals").isArray(), asGuest::toString);

        Users.SignedIn viewer = Users.signUp("agenda-viewer");
        assertEquals(200, api.post("/api/schedules/" + schedule + "/users", List.of(Map.of("user_id", viewer.id(),
                "role_id", 6, "read", 1)), host.token()).status());
        Api.Response asViewer = get(event, viewer);
        assertEquals(200, asViewer.status(), asViewer::toString);
        assertTrue(asViewer.body().path("pivot").isNull(), "a reader by role has no attendance");
        assertEquals(403, api.post("/api/events/" + event + "/accept", Map.of(), viewer.token()).status());

        Users.SignedIn stranger = Users.signUp("agenda-stranger");
        assertEquals(404, get(event, stranger).status());
        assertEquals(404, api.post("/api/events/" + event + "/accept", Map.of(), stranger.token()).status());
        assertEquals(404, api.send("PUT", "/api/events/" + event, Map.of("label", "Mine"), stranger.token()).status());
        assertEquals(404, get(999_999_999L, booker).status());

        // Accept and decline change the caller's own attendance only.
        assertEquals(200, api.post("/api/events/" + event + "/accept", Map.of(), guest.token()).status());
        assertEquals(200, get(event, guest).body().path("pivot").path("status_id").asInt());
        assertEquals(200, api.post("/api/events/" + event + "/decline", Map.of(), guest.token()).status());
        assertEquals(400, get(event, guest).body().path("pivot").path("status_id").asInt());
        assertEquals(200, get(event, host).body().path("pivot").path("status_id").asInt(), "the host's is untouched");

        // A contract's time entry: its hand and the contract's readers see it, a hand limited to its own does not.
        long contract = ContractFixtures.contractId(host, "UTC");
        ContractFixtures.acceptedHand(contract, host, booker, 3, "20", 0);
        long entry = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-02", "start", "09:00",
                "duration", 30), booker.token()).body().path("id").asLong();
        assertEquals(200, get(entry, host).status(), "the owner reads all of the contract's events");
        Api.Response narrow = api.post("/api/contracts/" + contract + "/hands", Map.of("user_id", guest.id(), "role_id", 3,
                "read", 1), host.token());
        api.post("/api/contracts/" + contract + "/hands/" + narrow.body().path("id").asLong() + "/answer",
                Map.of("answer", true), guest.token());
        assertEquals(404, get(entry, guest).status(), "read level 1: only one's own");
    }

    /**
     * Answers racing the owner's time moves: whatever the order, the attendee finds the event in their window at
     * its current time and their last answer stands. The answer is sent later in each round (0 to 58 ms), so that
     * some land between the move's reads and its write, and some between their own read and the move's write.
     */
    @Test
    void answersRacingTimeMovesKeepTheEventInTheAttendeesWindow() throws Exception {
        long event = booking(schedule(), "2027-04-09", "10:00").path("id").asLong();
        int expected = 100;
        for (int round = 0; round < 30; round++) {
            long delay = 2L * round;
            String start = round % 2 == 0 ? "14:00" : "10:00";
            String answer = round % 2 == 0 ? "accept" : "decline";
            List<Api.Response> results = Parallel.run(2, i -> {
                if (i == 0) {
                    return api.send("PUT", "/api/events/" + event, Map.of("date", "2027-04-09", "start", start), booker.token());
                }
                Thread.sleep(delay);
                return api.post("/api/events/" + event + "/" + answer, Map.of(), guest.token());
            });
            assertEquals(200, results.get(0).status(), results.get(0)::toString);
            Api.Response answered = results.get(1);
            if (answered.status() == 200) {
                expected = answer.equals("accept") ? 200 : 400;
            } else {
                assertEquals(503, answered.status(), "only a conflicting transaction refuses an answer: " + answered);
            }
            JsonNode now = get(event, guest).body();
            String at = now.path("event").path("start").asText();
            assertEquals("2027-04-09T" + start + ":00Z", at, "round " + round);
            assertEquals(List.of(event), window(guest, at, at), "round " + round + ": the attendee's window at the new time");
            assertEquals(expected, now.path("pivot").path("status_id").asInt(), "round " + round + ": the last answer stands");
        }
    }

    @Test
    void theOwnersChangeAppliesTheOthersBecomeCorrections() throws Exception {
        long schedule = schedule();
        JsonNode booked = booking(schedule, "2027-04-06", "10:00");
        long event = booked.path("id").asLong();
        String path = "/api/events/" + event;

        Api.Response byOwner = api.send("PUT", path, Map.of("label", "Intro call"), booker.token());
        assertEquals(200, byOwner.status(), byOwner::toString);
        assertEquals("Intro call", byOwner.body().path("event").path("label").asText());

        // Another attendee's change changes nothing yet: one correction per field, with their vote up.
        Api.Response proposed = api.send("PUT", path, Map.of("label", "Kick-off", "description", "Agenda first"), guest.token());
        assertEquals(200, proposed.status(), proposed::toString);
        assertEquals("Intro call", proposed.body().path("event").path("label").asText());
        JsonNode corrections = proposed.body().path("corrections");
        assertEquals(2, corrections.size(), proposed::toString);
        long label = correction(corrections, "label");
        long description = correction(corrections, "description");
        assertEquals(1, corrections.get(0).path("up").asInt());

        // Three attendees: the second up vote is the deciding one.
        Api.Response decided = api.post("/api/corrections/" + label + "/vote", Map.of("vote", true), host.token());
        assertEquals(200, decided.status(), decided::toString);
        assertEquals("applied", decided.body().path("status").asText());
        assertEquals("Kick-off", get(event, booker).body().path("event").path("label").asText());
        assertEquals(409, api.post("/api/corrections/" + label + "/vote", Map.of("vote", false), booker.token()).status(),
                "a closed correction takes no votes");
        // A second vote of the same person replaces their first: down, then up, is the deciding second up.
        Api.Response against = api.post("/api/events/" + event + "/vote", Map.of("vote", false, "ids", List.of(description)), host.token());
        assertEquals("open", against.body().get(0).path("status").asText(), against::toString);
        Api.Response changedMind = api.post("/api/events/" + event + "/vote", Map.of("vote", true, "ids", List.of(description)), host.token());
        assertEquals("applied", changedMind.body().get(0).path("status").asText(), changedMind::toString);
        assertEquals(2, changedMind.body().get(0).path("votes").size(), "one vote each");
        assertEquals("Agenda first", get(event, booker).body().path("event").path("description").asText());
        // A majority down closes one unapplied.
        long nope = correction(api.send("PUT", path, Map.of("label", "Nope"), guest.token()).body().path("corrections"), "label", "Nope");
        api.post("/api/corrections/" + nope + "/vote", Map.of("vote", false), host.token());
        Api.Response down = api.post("/api/corrections/" + nope + "/vote", Map.of("vote", false), booker.token());
        assertEquals("rejected", down.body().path("status").asText(), down::toString);
        assertEquals("Kick-off", get(event, booker).body().path("event").path("label").asText());
        assertField(api.post("/api/events/" + event + "/vote", Map.of("vote", true, "ids", List.of(999)), host.token()), "ids.0");
        assertEquals(404, api.post("/api/corrections/" + label + "/vote", Map.of("vote", true),
                Users.signUp("agenda-nobody").token()).status(), "a stranger does not find it");

        // Stale: the field changed since the correction was proposed.
        long stale = correction(api.send("PUT", path, Map.of("label", "Retro"), guest.token()).body().path("corrections"), "label", "Retro");
        api.send("PUT", path, Map.of("label", "Owner's choice"), booker.token());
        Api.Response refused = api.post("/api/corrections/" + stale + "/vote", Map.of("vote", true), host.token());
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("Owner's choice", get(event, booker).body().path("event").path("label").asText());
        assertEquals("stale", statusOf(get(event, booker).body().path("corrections"), stale));

        // Parallel deciding votes apply it once.
        long raced = correction(api.send("PUT", path, Map.of("label", "Raced"), guest.token()).body().path("corrections"), "label", "Raced");
        long before = get(event, booker).body().path("event").path("sequence").asLong();
        List<Api.Response> votes = Parallel.run(2, i -> api.post("/api/corrections/" + raced + "/vote", Map.of("vote", true),
                (i == 0 ? host : booker).token()));
        assertEquals(1, votes.stream().filter(r -> r.status() == 200).count(), votes::toString);
        votes.stream().filter(r -> r.status() != 200).forEach(r -> assertEquals(409, r.status(), r::toString));
        JsonNode after = get(event, booker).body().path("event");
        assertEquals("Raced", after.path("label").asText());
        assertEquals(before + 1, after.path("sequence").asLong(), "applied exactly once");
    }

    @Test
    void aCorrectedTimeMovesTheBookingAndFreesTheOldSlot() {
        long schedule = schedule();
        long event = booking(schedule, "2027-04-07", "10:00").path("id").asLong();
        JsonNode proposed = api.send("PUT", "/api/events/" + event, Map.of("date", "2027-04-07", "start", "14:00"),
                guest.token()).body();
        long time = correction(proposed.path("corrections"), "time");
        Api.Response applied = api.post("/api/corrections/" + time + "/vote", Map.of("vote", true), host.token());
        assertEquals("applied", applied.body().path("status").asText(), applied::toString);
        JsonNode moved = get(event, booker).body().path("event");
        assertEquals("2027-04-07T14:00:00Z", moved.path("start").asText());
        assertEquals("2027-04-07T15:00:00Z", moved.path("end").asText());
        assertEquals(201, api.post("/api/schedules/" + schedule + "/events", Map.of("date", "2027-04-07", "start", "10:00",
                "duration", 60, "label", "Now free"), booker.token()).status(), "the old slot is free");
        assertEquals(409, api.post("/api/schedules/" + schedule + "/events", Map.of("date", "2027-04-07", "start", "14:30",
                "duration", 30, "label", "Taken"), booker.token()).status(), "the new one is held");
        // The owner's own change is checked against the schedule: 18:00 is after its hours.
        assertField(api.send("PUT", "/api/events/" + event, Map.of("date", "2027-04-07", "start", "18:00"), booker.token()), "start");
    }

    @Test
    void lockedTransactionsTakeNoCorrections() {
        long contract = ContractFixtures.contractId(host, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, host, booker, 3, "20", 0);
        // Logged by the owner for the member: the owner owns the entry, the member attends it.
        Api.Response logged = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-03", "start", "09:00",
                "duration", 30, "benefitable_id", hand), host.token());
        assertEquals(201, logged.status(), logged::toString);
        long entry = logged.body().path("id").asLong();
        long open = correction(api.send("PUT", "/api/events/" + entry, Map.of("label", "Typo"), booker.token())
                .body().path("corrections"), "label");
        assertEquals(200, api.post("/api/contracts/" + contract + "/transactions/approve", Map.of("transactions", List.of(entry)),
                host.token()).status());
        Api.Response proposal = api.send("PUT", "/api/events/" + entry, Map.of("label", "Late"), booker.token());
        assertEquals(409, proposal.status(), proposal::toString);
        assertTrue(proposal.body().path("message").asText().contains("approved"), proposal::toString);
        assertEquals(409, api.post("/api/corrections/" + open + "/vote", Map.of("vote", true), host.token()).status(),
                "an approved entry is locked: its open corrections are not applied");
        assertTrue(get(entry, host).body().path("event").path("label").isNull());
    }

    /** A hand answering a correction through its contract: its vote, as an attendee of the event. */
    @Test
    void aHandAnswersACorrectionOfItsContractsEvent() {
        long contract = ContractFixtures.contractId(host, "UTC");
        long memberHand = ContractFixtures.acceptedHand(contract, host, booker, 3, "20", 0);
        long ownerHand = ContractFixtures.handOf(contract, host, host.id());
        long entry = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-04", "start", "09:00",
                "duration", 30, "benefitable_id", memberHand), host.token()).body().path("id").asLong();
        long proposed = correction(api.send("PUT", "/api/events/" + entry, Map.of("label", "Client call"), booker.token())
                .body().path("corrections"), "label");
        String answer = "/api/contracts/" + contract + "/hands/" + ownerHand + "/answer";
        assertEquals(403, api.post("/api/contracts/" + contract + "/hands/" + ownerHand + "/answer",
                Map.of("answer", true, "correction_id", proposed), booker.token()).status(), "one answers for one's own hand");
        Api.Response yes = api.post(answer, Map.of("answer", true, "correction_id", proposed), host.token());
        assertEquals(200, yes.status(), yes::toString);
        assertEquals("applied", yes.body().path("correction").path("status").asText(), yes::toString);
        assertEquals(ownerHand, yes.body().path("id").asLong());
        assertEquals("Client call", get(entry, host).body().path("event").path("label").asText());
        assertEquals(404, api.post(answer, Map.of("answer", true, "correction_id", 999_999_999L), host.token()).status());
    }

    @Test
    void startingEventsByIdOrExternalIdAndTheTracker() {
        long contract = ContractFixtures.contractId(host, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, host, booker, 3, "30", 0);
        Api.Response meeting = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Pairing",
                "external_id", "gcal-" + contract, "benefitable", Map.of("value", hand)), host.token());
        assertEquals(201, meeting.status(), meeting::toString);
        long meetingId = meeting.body().path("id").asLong();
        assertEquals(409, api.post("/api/contracts/" + contract + "/events", Map.of("label", "Again",
                "external_id", "gcal-" + contract), host.token()).status(), "an external id once per person");

        Api.Response byExternal = api.post("/api/events/gcal-" + contract + "/start", Map.of("benefitable_id", hand), host.token());
        assertEquals(201, byExternal.status(), byExternal::toString);
        assertEquals(555, byExternal.body().path("status_id").asInt());
        assertEquals(meetingId, byExternal.body().path("parent_id").asLong(), "the clock runs for the meeting");
        assertEquals(555, get(meetingId, host).body().path("event").path("status_id").asInt(), "in progress");
        assertEquals(409, api.post("/api/events/" + meetingId + "/start", Map.of("benefitable_id", hand), host.token()).status(),
                "one running clock per hand (and the meeting is in progress)");
        assertEquals(200, api.post("/api/hands/" + hand + "/stop", Map.of(), booker.token()).status());
        assertEquals(777, get(meetingId, host).body().path("event").path("status_id").asInt(), "done once its clock stops");
        assertEquals(404, api.post("/api/events/no-such-id/start", Map.of(), host.token()).status());

        // Outside contracts an event runs on the person's tracker, which POST /api/trackers stops.
        long schedule = schedule();
        long booking = booking(schedule, "2027-04-08", "10:00").path("id").asLong();
        Api.Response tracking = api.post("/api/events/" + booking + "/start", Map.of(), booker.token());
        assertEquals(201, tracking.status(), tracking::toString);
        assertEquals(booking, tracking.body().path("parent_id").asLong());
        Api.Response stop = api.post("/api/trackers", Map.of("timezone", "UTC"), booker.token());
        assertEquals(200, stop.status(), stop::toString);
        assertEquals(tracking.body().path("id"), stop.body().path("id"));
        JsonNode stopped = api.get("/api/events/" + booking, booker.token()).body().path("event");
        assertEquals(777, stopped.path("status_id").asInt(), "the tracker stopped: the booking is done");
    }

    @Test
    void oneTrackerAtATime() {
        Users.SignedIn person = Users.signUp("agenda-tracker");
        assertField(api.post("/api/trackers", Map.of("timezone", "Mars/Olympus"), person.token()), "timezone");
        assertField(api.post("/api/trackers", Map.of(), person.token()), "timezone");
        Api.Response started = api.post("/api/trackers", Map.of("timezone", "Europe/Berlin"), person.token());
        assertEquals(201, started.status(), started::toString);
        assertEquals(555, started.body().path("status_id").asInt());
        Api.Response stopped = api.post("/api/trackers", Map.of("timezone", "Europe/Berlin"), person.token());
        assertEquals(200, stopped.status(), stopped::toString);
        assertEquals(started.body().path("id"), stopped.body().path("id"));
        assertEquals(777, stopped.body().path("status_id").asInt());
        assertEquals(0, stopped.body().path("duration").asInt());
        Api.Response again = api.post("/api/trackers", Map.of("timezone", "UTC"), person.token());
        assertEquals(201, again.status());
        assertTrue(again.body().path("id").asLong() != started.body().path("id").asLong());
        JsonNode mine = api.get("/api/events", person.token()).body();
        assertEquals(2, mine.path("total").asInt(), "a tracker is an event of one's own: " + mine);
    }

    /** A duration of null is not a change: the event keeps its time (it was a 500). */
    @Test
    void aNullDurationChangesNothing() {
        long event = booking(schedule(), "2027-04-12", "10:00").path("id").asLong();
        Map<String, Object> body = new HashMap<>();
        body.put("duration", null);
        Api.Response r = api.send("PUT", "/api/events/" + event, body, booker.token());
        assertEquals(200, r.status(), r::toString);
        assertEquals("2027-04-12T11:00:00Z", r.body().path("event").path("end").asText());
        assertEquals(0, r.body().path("event").path("sequence").asInt(), "nothing changed");
    }

    /** Java parses years up to +999999999; the API takes 0001..9999 and names the field beyond (they were 500s). */
    @Test
    void timesBeyondTheYear9999AreRefusedNamingTheField() {
        Users.SignedIn person = Users.signUp("agenda-far");
        assertField(api.get("/api/events?from=" + encode("+999999999-12-31T00:00:00Z"), person.token()), "from");
        assertField(api.get("/api/events?from=2027-01-01&to=" + encode("+10000-01-01T00:00:00Z"), person.token()), "to");
        Api.Response lastDays = api.get("/api/events?from=9999-12-20", person.token());
        assertEquals(200, lastDays.status(), "the default 30 days stop at the end of 9999: " + lastDays);
        long tracker = api.post("/api/trackers", Map.of("timezone", "UTC"), person.token()).body().path("id").asLong();
        assertField(api.send("PUT", "/api/events/" + tracker, Map.of("date", "+999999999-12-31T23:59:59Z"), person.token()), "date");
        assertField(api.send("PUT", "/api/events/" + tracker, Map.of("date", "9999-12-31T23:30:00Z"), person.token()), "date");
        assertField(api.post("/api/events/" + tracker + "/start", Map.of("date", "+999999999-12-31T23:59:59Z"), person.token()),
                "date");
    }

    /** An external id goes into a sort key (at most 1,024 bytes): longer references are nobody's, longer ids a 422. */
    @Test
    void externalIdsFitTheirKey() {
        assertEquals(404, api.post("/api/events/" + "x".repeat(2000) + "/start", Map.of(), host.token()).status());
        long contract = ContractFixtures.contractId(host, "UTC");
        String emoji = "\uD83D\uDE00".repeat(255); // 255 characters, 1,020 bytes of UTF-8
        assertField(api.post("/api/contracts/" + contract + "/events", Map.of("label", "Wide", "external_id", emoji),
                host.token()), "external_id");
        String fits = "\uD83D\uDE00".repeat(250); // 1,000 bytes
        Api.Response created = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Fits", "external_id", fits),
                host.token());
        assertEquals(201, created.status(), created::toString);
        assertEquals(fits, created.body().path("external_id").asText());
    }

    /** A person's events by time, across the autumn change in New York: 01:30 happens twice on 1 November 2026. */
    @Test
    void aPersonsEventsInWindowsAcrossDaylightSaving() {
        Users.SignedIn person = Users.signUp("agenda-window");
        long contract = ContractFixtures.contractId(host, "America/New_York");
        ContractFixtures.acceptedHand(contract, host, person, 3, "10", 0);
        List<Long> ids = new ArrayList<>();
        for (String at : List.of("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T09:00:00-05:00")) {
            Api.Response r = api.post("/api/contracts/" + contract + "/time", Map.of("date", at, "duration", 15), person.token());
            assertEquals(201, r.status(), r::toString);
            ids.add(r.body().path("id").asLong());
        }
        assertEquals(List.of(ids.get(0), ids.get(1)), window(person, "2026-11-01T01:00:00-04:00", "2026-11-01T01:59:59-05:00"),
                "both 01:30s, an hour apart");
        assertEquals(List.of(ids.get(0)), window(person, "2026-11-01T01:00:00-04:00", "2026-11-01T01:59:59-04:00"));
        assertEquals(ids, window(person, "2026-11-01", "2026-11-01"), "a date is its UTC day");
        assertField(api.get("/api/events?from=2026-01-01&to=2027-01-03", person.token()), "to");
        assertField(api.get("/api/events?from=2026-11-02&to=2026-11-01", person.token()), "to");
        assertField(api.get("/api/events?from=tomorrow", person.token()), "from");
        JsonNode paged = api.get("/api/events?from=2026-11-01&to=2026-11-01&perPage=2&page=2", person.token()).body();
        assertEquals(3, paged.path("total").asInt());
        assertEquals(1, paged.path("data").size());
    }

    private List<Long> window(Users.SignedIn who, String from, String to) {
        Api.Response r = api.get("/api/events?from=" + encode(from) + "&to=" + encode(to), who.token());
        assertEquals(200, r.status(), r::toString);
        List<Long> ids = new ArrayList<>();
        r.body().path("data").forEach(e -> ids.add(e.path("id").asLong()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long correction(JsonNode corrections, String field) {
        for (JsonNode c : corrections) {
            if (c.path("field").asText().equals(field) && c.path("status").asText().equals("open")) {
                return c.path("id").asLong();
            }
        }
        throw new AssertionError("no open correction of " + field + " in " + corrections);
    }

    private static long correction(JsonNode corrections, String field, String value) {
        for (JsonNode c : corrections) {
            if (c.path("field").asText().equals(field) && c.path("value").asText().equals(value)) {
                return c.path("id").asLong();
            }
        }
        throw new AssertionError("no correction of " + field + " to " + value + " in " + corrections);
    }

    private static String statusOf(JsonNode corrections, long id) {
        for (JsonNode c : corrections) {
            if (c.path("id").asLong() == id) {
                return c.path("status").asText();
            }
        }
        return null;
    }
}
