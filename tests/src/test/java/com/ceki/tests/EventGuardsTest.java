package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.assertField;
import static com.ceki.tests.UserSchedulesTest.body;
import static com.ceki.tests.UserSchedulesTest.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/events} reaches every kind of event, so it must guard what the event's own routes guard: a time
 * entry's amount and status follow its minutes and approvals, a booking's price is its schedule managers', a
 * payment never changes, a locked or cancelled event is not started, a running tracker is stopped first, and a
 * correction's majority is of the attendees it has now.
 */
class EventGuardsTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("guards-owner");
    private final Users.SignedIn member = Users.signUp("guards-member");
    private final Users.SignedIn client = Users.signUp("guards-client");

    private Api.Response put(long event, Map<String, Object> body, Users.SignedIn who) {
        return api.send("PUT", "/api/events/" + event, body, who.token());
    }

    private JsonNode event(long id, Users.SignedIn who) {
        Api.Response r = api.get("/api/events/" + id, who.token());
        assertEquals(200, r.status(), r::toString);
        return r.body().path("event");
    }

    @Test
    void aTimeEntrysAmountAndStatusFollowItsContractWhoeverAsks() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "27.50", 0);
        long entry = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-02", "start", "09:00",
                "duration", 30), member.token()).body().path("id").asLong();
        assertField(put(entry, Map.of("amount", 999), member), "amount");
        assertField(put(entry, Map.of("status_id", 777), member), "status_id");
        assertEquals("13.75", event(entry, member).path("amount").asText(), "30 minutes at 27.50, as logged");
        assertEquals(200, put(entry, Map.of("label", "Review"), member).status(), "what the contract's route allows, this one does");

        // Logged by the owner for the member: the member attends it, and a correction of its amount is refused too.
        long forMember = api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-11-02", "start", "11:00",
                "duration", 30, "benefitable_id", hand), owner.token()).body().path("id").asLong();
        assertField(put(forMember, Map.of("amount", 500), member), "amount");

        // A meeting's amount is the contract's business: its writer sets it, the attendees do not vote on it.
        Api.Response meeting = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Planning", "amount", 100,
                "attendees", List.of(Map.of("label", member.email()))), owner.token());
        assertEquals(201, meeting.status(), meeting::toString);
        long m = meeting.body().path("id").asLong();
        assertField(put(m, Map.of("amount", 1), member), "amount");
        assertField(put(m, Map.of("status_id", 444), member), "status_id");
        assertEquals(200, put(m, Map.of("amount", 150), owner).status());
        assertEquals("150.00", event(m, owner).path("amount").asText());
    }

    @Test
    void aBookingsPriceIsItsSchedulesManagersAndAPaymentNeverChanges() {
        long schedule = create(api, owner.token(), body("Guarded", "UTC", UserSchedulesTest.weekdays9to17()));
        Api.Response booked = api.post("/api/schedules/" + schedule + "/events", Map.of("date", "2027-05-03", "start", "10:00",
                "duration", 60, "label", "Intro", "attendees", List.of(Map.of("label", member.email()))), client.token());
        assertEquals(201, booked.status(), booked::toString);
        long booking = booked.body().path("id").asLong();
        assertEquals(403, put(booking, Map.of("amount", 0), client).status(), "the booker does not set the price");
        assertEquals(403, put(booking, Map.of("amount", 0), member).status(), "nor proposes it: an attendee");
        assertEquals("40.00", event(booking, client).path("amount").asText());
        // The host, a manager of the schedule, proposes a price; the booker's vote makes the majority.
        Api.Response proposed = put(booking, Map.of("amount", 30), owner);
        assertEquals(200, proposed.status(), proposed::toString);
        long price = proposed.body().path("corrections").get(0).path("id").asLong();
        assertEquals("40.00", event(booking, client).path("amount").asText(), "a proposal changes nothing yet");
        Api.Response agreed = api.post("/api/corrections/" + price + "/vote", Map.of("vote", true), client.token());
        assertEquals("applied", agreed.body().path("status").asText(), agreed::toString);
        assertEquals("30.00", event(booking, client).path("amount").asText());

        // The schedule's owner booking it: a manager sets the price, but never below what is paid.
        long own = api.post("/api/schedules/" + schedule + "/events", Map.of("date", "2027-05-03", "start", "12:00",
                "duration", 60, "label", "Own"), owner.token()).body().path("id").asLong();
        Api.Response payment = api.post("/api/schedules/" + schedule + "/payments", Map.of("date", "2027-05-03T12:00:00Z",
                "amount", 30, "ids", List.of(own)), owner.token());
        assertEquals(201, payment.status(), payment::toString);
        assertField(put(own, Map.of("amount", 20), owner), "amount");
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("amount", null);
        assertField(put(own, cleared, owner), "amount");
        assertEquals(200, put(own, Map.of("amount", 35), owner).status());
        assertEquals("35.00", event(own, owner).path("amount").asText());
        Api.Response changedPayment = put(payment.body().path("id").asLong(), Map.of("label", "Rewritten"), owner);
        assertEquals(409, changedPayment.status(), changedPayment::toString);
    }

    @Test
    void onlyWhatIsHeldIsStartedAndAStartedBookingKeepsAndFreesItsTime() {
        // A contract's approved meeting is locked: starting it would unlock it.
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        ContractFixtures.acceptedHand(contract, owner, client, 4, "0", 0);
        long meeting = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Demo", "amount", 50,
                "benefitable", Map.of("value", hand)), owner.token()).body().path("id").asLong();
        assertEquals(200, api.post("/api/contracts/" + contract + "/transactions/approve",
                Map.of("transactions", List.of(meeting)), client.token()).status());
        Api.Response locked = api.post("/api/events/" + meeting + "/start", Map.of("benefitable_id", hand), member.token());
        assertEquals(409, locked.status(), locked::toString);
        assertEquals(200, event(meeting, owner).path("status_id").asInt());

        long schedule = create(api, owner.token(), body("Started", "UTC", UserSchedulesTest.weekdays9to17()));
        Users.SignedIn viewer = Users.signUp("guards-viewer");
        assertEquals(200, api.post("/api/schedules/" + schedule + "/users", List.of(Map.of("user_id", viewer.id(),
                "role_id", 6, "read", 1)), owner.token()).status());
        long booking = api.post("/api/schedules/" + schedule + "/events", Map.of("date", "2027-05-04", "start", "10:00",
                "duration", 60, "label", "Session"), client.token()).body().path("id").asLong();
        assertEquals(403, api.post("/api/events/" + booking + "/start", Map.of(), viewer.token()).status(),
                "a reader by role who does not attend does not start it");

        // Started and stopped by its booker, the booking is done and still holds its hour; cancelled, it frees it.
        assertEquals(201, api.post("/api/events/" + booking + "/start", Map.of(), client.token()).status());
        assertEquals(200, api.post("/api/trackers", Map.of("timezone", "UTC"), client.token()).status());
        assertEquals(777, event(booking, client).path("status_id").asInt());
        Map<String, Object> sameHour = Map.of("date", "2027-05-04", "start", "10:00", "duration", 60, "label", "Again");
        assertEquals(409, api.post("/api/schedules/" + schedule + "/events", sameHour, owner.token()).status(), "done still holds it");
        assertEquals(200, put(booking, Map.of("status_id", 444), client).status());
        Api.Response rebooked = api.post("/api/schedules/" + schedule + "/events", sameHour, owner.token());
        assertEquals(201, rebooked.status(), "cancelled, its hour is free: " + rebooked);
        Api.Response cancelled = api.post("/api/events/" + booking + "/start", Map.of(), client.token());
        assertEquals(409, cancelled.status(), "a cancelled booking is not started: " + cancelled);
    }

    @Test
    void aRunningTrackerIsStoppedBeforeItChanges() {
        Users.SignedIn person = Users.signUp("guards-tracker");
        long tracker = api.post("/api/trackers", Map.of("timezone", "UTC"), person.token()).body().path("id").asLong();
        Api.Response running = put(tracker, Map.of("label", "Deep work"), person);
        assertEquals(409, running.status(), running::toString);
        assertTrue(running.body().path("message").asText().contains("running"), running::toString);
        assertEquals(200, api.post("/api/trackers", Map.of("timezone", "UTC"), person.token()).status());
        assertEquals(200, put(tracker, Map.of("label", "Deep work"), person).status());

        // A copy of a running clock keeps its status, but no clock runs the copy: it changes.
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        long clock = api.post("/api/hands/" + hand + "/start", Map.of(), member.token()).body().path("id").asLong();
        long kal = api.post("/api/kals", Map.of("label", "Mine", "private", true), member.token()).body().path("id").asLong();
        Api.Response copy = api.post("/api/contracts/" + contract + "/events/" + clock + "/export/" + kal, Map.of(), member.token());
        assertEquals(555, copy.body().path("status_id").asInt(), copy::toString);
        Api.Response relabeled = put(copy.body().path("id").asLong(), Map.of("label", "Pairing"), member);
        assertEquals(200, relabeled.status(), relabeled::toString);
    }

    /** Four attendees; two up votes are not a majority, and once their voters are removed they count for nothing. */
    @Test
    void aCorrectionsMajorityIsOfTheAttendeesItHasNow() {
        Users.SignedIn third = Users.signUp("guards-third");
        long contract = ContractFixtures.contractId(owner, "UTC");
        Map<String, Object> everyone = Map.of("label", "Standup", "attendees", List.of(Map.of("label", member.email()),
                Map.of("label", client.email()), Map.of("label", third.email())));
        Api.Response meeting = api.post("/api/contracts/" + contract + "/events", everyone, owner.token());
        assertEquals(201, meeting.status(), meeting::toString);
        long m = meeting.body().path("id").asLong();
        long proposed = put(m, Map.of("label", "Retro"), member).body().path("corrections").get(0).path("id").asLong();
        Api.Response second = api.post("/api/corrections/" + proposed + "/vote", Map.of("vote", true), client.token());
        assertEquals("open", second.body().path("status").asText(), "2 of 4 is not more than half: " + second);

        Api.Response removed = api.send("PUT", "/api/contracts/" + contract + "/events/" + m,
                Map.of("attendees", List.of(Map.of("label", third.email()))), owner.token());
        assertEquals(200, removed.status(), removed::toString);
        Api.Response down = api.post("/api/corrections/" + proposed + "/vote", Map.of("vote", false), third.token());
        assertEquals(200, down.status(), down::toString);
        assertEquals("open", down.body().path("status").asText(), "the removed attendees' votes do not apply it: " + down);
        assertEquals("Standup", event(m, owner).path("label").asText());
    }
}
