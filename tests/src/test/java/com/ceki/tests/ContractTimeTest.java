package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.assertField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand's time under a contract, through the API: the work clock (one running per hand, a stop that always
 * succeeds and books the elapsed minutes once), manual entries (at least 15 minutes, not in the future, inside the
 * contract, no overlap with the hand's other entries, within its weekly limit in the contract's weeks) and their
 * amounts (minutes at the hand's rate, rounded half up to the cent, stored).
 */
class ContractTimeTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("time-owner");
    private final Users.SignedIn member = Users.signUp("time-member");

    private Api.Response logTime(long contract, Users.SignedIn who, Map<String, Object> body) {
        return api.post("/api/contracts/" + contract + "/time", body, who.token());
    }

    private JsonNode logged(long contract, Users.SignedIn who, Map<String, Object> body) {
        Api.Response r = logTime(contract, who, body);
        assertEquals(201, r.status(), r::toString);
        return r.body();
    }

    private static Map<String, Object> entry(String date, String start, int minutes) {
        return new HashMap<>(Map.of("date", date, "start", start, "duration", minutes));
    }

    @Test
    void amountsAreMinutesAtTheRateRoundedHalfUpToTheCent() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "27.50", 0);
        JsonNode quarter = logged(contract, member, entry("2026-11-02", "09:00", 15));
        JsonNode second = logged(contract, member, entry("2026-11-02", "09:15", 15));
        JsonNode half = logged(contract, member, entry("2026-11-02", "10:00", 30));
        assertEquals("6.88", quarter.path("amount").asText(), "15 minutes at 27.50/h is 6.875: half up");
        assertEquals("6.88", second.path("amount").asText());
        assertEquals("13.75", half.path("amount").asText());
        assertEquals("27.50", quarter.path("rate").asText());
        assertEquals(2, quarter.path("type_id").asInt());
        assertEquals(100, quarter.path("status_id").asInt());
        assertEquals("ContractHand", quarter.path("benefitable_type").asText());

        // A bill of the two quarters totals their stored amounts (13.76), never 30 minutes recomputed (13.75).
        Api.Response bill = api.post("/api/contracts/" + contract + "/bills", Map.of("label", "Quarters", "data",
                Map.of("items", List.of(Map.of("id", quarter.path("id").asLong()), Map.of("id", second.path("id").asLong())))),
                owner.token());
        assertEquals(201, bill.status(), bill::toString);
        assertEquals("13.76", bill.body().path("amount").asText());
    }

    @Test
    void manualEntriesAreCheckedAgainstTheirHandAndTheContract() {
        long contract = ContractFixtures.contract(owner, "Europe/Berlin", Map.of("end", "2026-12-31T00:00:00Z")).path("id").asLong();
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "40", 0);
        assertField(logTime(contract, member, entry("2026-11-02", "09:00", 14)), "duration");
        assertField(logTime(contract, member, entry("2025-12-30", "09:00", 60)), "date"); // before the contract's start
        assertField(logTime(contract, member, entry("2027-01-04", "09:00", 60)), "date"); // after its end
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        assertField(logTime(contract, member, Map.of("date", tomorrow, "duration", 60)), "date"); // in the future
        assertField(logTime(contract, member, entry("2026-11-02", "25:00", 60)), "start");
        assertField(logTime(contract, member, Map.of("date", "2026-11-02", "duration", 60)), "start");
        assertField(logTime(contract, member, Map.of("duration", 60, "benefitable_id", 1)), "benefitable_id");

        // Local times are the contract's zone's: 09:00 in Berlin in November is 08:00Z.
        JsonNode morning = logged(contract, member, entry("2026-11-02", "09:00", 60));
        assertEquals("2026-11-02T08:00:00Z", morning.path("start").asText());
        assertEquals(hand, morning.path("benefitable_id").asLong());
        // Without a date, an entry ends now.
        JsonNode now = logged(contract, member, Map.of("duration", 30));
        assertTrue(Duration.between(Instant.parse(now.path("end").asText()), Instant.now()).abs().getSeconds() < 120, now::toString);
    }

    @Test
    void entriesOfOneHandNeverOverlapButMayTouch() throws Exception {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "40", 0);
        logged(contract, member, entry("2026-11-03", "12:45", 15));
        logged(contract, member, entry("2026-11-03", "13:00", 15)); // end exclusive: 12:45-13:00 beside 13:00-13:15
        Api.Response overlap = logTime(contract, member, entry("2026-11-03", "12:50", 15));
        assertEquals(409, overlap.status(), overlap::toString);
        assertTrue(overlap.body().path("message").asText().contains("overlaps"), overlap::toString);

        // Eight parallel entries for the same quarter hour: one is logged.
        List<Api.Response> raced = Parallel.run(8, i -> logTime(contract, member, entry("2026-11-04", "10:00", 15)));
        assertEquals(1, raced.stream().filter(r -> r.status() == 201).count(), () -> raced.stream().map(Api.Response::status).toList().toString());
        assertEquals(7, raced.stream().filter(r -> r.status() == 409).count(), () -> raced.stream().map(Api.Response::status).toList().toString());
        // Another hand's time is its own.
        Users.SignedIn other = Users.signUp("time-other");
        ContractFixtures.acceptedHand(contract, owner, other, 3, "40", 0);
        logged(contract, other, entry("2026-11-04", "10:00", 15));
    }

    /**
     * The weekly limit counts elapsed minutes in the contract's weeks (Monday to Sunday in its zone), also in the
     * week the clocks go back: Sunday 25 October 2026 has 25 hours in Berlin.
     */
    @Test
    void theWeeklyLimitHoldsAcrossADaylightSavingWeek() {
        long contract = ContractFixtures.contractId(owner, "Europe/Berlin");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "10", 10);
        // 00:30 to 04:30 on the wall is 5 hours that night (02:00-03:00 happens twice).
        JsonNode night = logged(contract, member, Map.of("date", "2026-10-25", "start", "00:30", "end", "04:30"));
        assertEquals(300, night.path("duration").asInt(), night::toString);
        assertEquals("50.00", night.path("amount").asText());
        logged(contract, member, entry("2026-10-19", "09:00", 240)); // Monday of the same week: 9 hours so far
        Api.Response past = logTime(contract, member, entry("2026-10-24", "09:00", 120));
        assertField(past, "limit");
        assertTrue(past.body().path("message").asText().contains("2026-10-19"), past::toString);
        logged(contract, member, entry("2026-10-24", "09:00", 60)); // exactly 10 hours

        // Sunday 23:30 Berlin to Monday 00:30 splits: 30 minutes in the full week (refused), so 30 only start Monday.
        assertField(logTime(contract, member, entry("2026-10-25", "23:30", 60)), "limit");
        logged(contract, member, entry("2026-10-26", "00:00", 60)); // the next week has its own 10 hours

        // Raising the limit lets the same entry through.
        Api.Response raised = api.send("PUT", "/api/contracts/" + contract + "/hands/" + hand,
                Map.of("role", "member", "limit", 11), owner.token());
        assertEquals(200, raised.status(), raised::toString);
        logged(contract, member, entry("2026-10-24", "10:00", 60));
    }

    /**
     * A clock started since 10:00 and an entry logged for 10:30-11:00, at the same moment: each checks the other's
     * absence when it reads, so only conditions on what it read (the weeks, the hand's clock) keep both from
     * committing. Twenty rounds of the race: never both.
     */
    @Test
    void aClockAndAnEntryRacingForTheSameTimeNeverBothCommit() throws Exception {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        for (int round = 0; round < 20; round++) {
            Instant since = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
            List<Api.Response> raced = Parallel.run(2, i -> i == 0
                    ? api.post("/api/hands/" + hand + "/start", Map.of("date", since.toString()), member.token())
                    : logTime(contract, member, Map.of("date", since.plus(Duration.ofMinutes(30)).toString(), "duration", 30)));
            boolean clock = raced.get(0).status() == 201;
            boolean entry = raced.get(1).status() == 201;
            assertTrue(clock ^ entry, "round " + round + ": exactly one of " + raced);
            if (clock) {
                assertEquals(200, api.post("/api/hands/" + hand + "/stop", Map.of(), member.token()).status());
            }
            // Clear the way for the next round: whatever was booked goes.
            long booked = clock ? api.get("/api/contracts/" + contract + "/events?type_id=2&perPage=1&sortBy=id&descending=true",
                    owner.token()).body().path("data").get(0).path("id").asLong() : raced.get(1).body().path("id").asLong();
            assertEquals(200, api.send("DELETE", "/api/contracts/" + contract + "/transactions",
                    Map.of("transactions", List.of(booked)), owner.token()).status());
        }
    }

    @Test
    void oneRunningClockPerHandAndAStopThatAlwaysSucceeds() throws Exception {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        Instant started = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        List<Api.Response> starts = Parallel.run(10, i -> api.post("/api/hands/" + hand + "/start",
                Map.of("date", started.toString()), member.token()));
        List<Api.Response> won = starts.stream().filter(r -> r.status() == 201).toList();
        assertEquals(1, won.size(), () -> starts.stream().map(Api.Response::status).toList().toString());
        long running = won.get(0).body().path("id").asLong();
        assertEquals(555, won.get(0).body().path("status_id").asInt());
        for (Api.Response lost : starts.stream().filter(r -> r.status() != 201).toList()) {
            assertEquals(409, lost.status(), lost::toString);
            assertTrue(lost.body().path("message").asText().contains(Long.toString(running)), lost::toString);
        }
        JsonNode listed = api.get("/api/contracts/" + contract, owner.token()).body();
        assertTrue(listed.toString().contains("\"is_working\":true"), listed::toString);

        // Stopped at a time more than a minute ahead: the server's clock is taken instead.
        String later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Response stop = api.post("/api/hands/" + hand + "/stop", Map.of("date", later), member.token());
        assertEquals(200, stop.status(), stop::toString);
        assertEquals(running, stop.body().path("id").asLong());
        int minutes = stop.body().path("duration").asInt();
        assertTrue(minutes >= 119 && minutes <= 121, stop::toString);
        assertEquals(100, stop.body().path("status_id").asInt());
        assertEquals(new BigDecimal(minutes).divide(BigDecimal.valueOf(2)).setScale(2).toPlainString(),
                stop.body().path("amount").asText(), "30/h");

        // A second stop, even with a body that is not JSON, returns the same entry.
        Api.Response again = api.post("/api/hands/" + hand + "/stop", "not json", member.token());
        assertEquals(200, again.status(), again::toString);
        assertEquals(running, again.body().path("id").asLong());
        assertEquals(stop.body().path("duration"), again.body().path("duration"));

        // The stopped clock's time is taken: a manual entry inside it overlaps.
        String inside = started.plus(Duration.ofMinutes(30)).toString();
        assertEquals(409, logTime(contract, member, Map.of("date", inside, "duration", 15)).status());
        // A new clock can start; parallel stops book it once.
        assertEquals(201, api.post("/api/hands/" + hand + "/start", Map.of(), member.token()).status());
        List<Api.Response> stops = Parallel.run(6, i -> api.post("/api/hands/" + hand + "/stop", Map.of(), member.token()));
        stops.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, stops.stream().map(r -> r.body().path("id").asLong()).distinct().count(), stops::toString);
        assertNotEquals(running, stops.get(0).body().path("id").asLong());
    }

    @Test
    void whoMayRunWhoseClock() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long memberHand = ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        Users.SignedIn colleague = Users.signUp("time-colleague");
        long colleagueHand = ContractFixtures.acceptedHand(contract, owner, colleague, 3, "30", 0);
        Users.SignedIn stranger = Users.signUp("time-stranger");

        assertEquals(403, api.post("/api/hands/" + colleagueHand + "/start", Map.of(), member.token()).status(),
                "a member logs only their own time");
        assertEquals(404, api.post("/api/hands/" + memberHand + "/start", Map.of(), stranger.token()).status());
        assertEquals(404, api.post("/api/hands/" + memberHand + "/stop", Map.of(), stranger.token()).status());
        assertEquals(404, api.post("/api/hands/999999999/start", Map.of(), member.token()).status());
        // The owner starts the member's clock through the contract (benefitable_id names the hand).
        Api.Response forMember = api.post("/api/contracts/" + contract + "/start", Map.of("benefitable_id", memberHand), owner.token());
        assertEquals(201, forMember.status(), forMember::toString);
        assertEquals(memberHand, forMember.body().path("benefitable_id").asLong());
        assertEquals(201, api.post("/api/contracts/" + contract + "/start", Map.of(), colleague.token()).status(),
                "without benefitable_id: the caller's own hand");
        assertField(api.post("/api/contracts/" + contract + "/start", Map.of("date", "tomorrow"), member.token()), "date");
        // A client (role 4) has no time to log.
        Users.SignedIn client = Users.signUp("time-client");
        ContractFixtures.acceptedHand(contract, owner, client, 4, "0", 0);
        assertEquals(403, api.post("/api/contracts/" + contract + "/start", Map.of(), client.token()).status());
        assertEquals(403, logTime(contract, client, Map.of("duration", 30)).status());
    }

    @Test
    void timeAgainstATransactionIsAChildEntryAndKeysAreHonoured() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);
        Api.Response task = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Write the report"), owner.token());
        assertEquals(201, task.status(), task::toString);
        long taskId = task.body().path("id").asLong();
        String path = "/api/contracts/" + contract + "/transactions/" + taskId + "/time";
        Api.Response child = api.post(path, Map.of("date", "2026-11-05T09:00:00Z", "time", 45, "label", "Draft",
                "hand_id", hand), member.token());
        assertEquals(201, child.status(), child::toString);
        assertEquals(taskId, child.body().path("parent_id").asLong());
        assertEquals(45, child.body().path("duration").asInt());
        assertEquals("45.00", child.body().path("amount").asText());
        assertField(api.post(path, Map.of("date", "2026-11-05T11:00:00Z", "time", 10, "label", "Short", "hand_id", hand),
                member.token()), "time");
        assertEquals(404, api.post("/api/contracts/" + contract + "/transactions/999999999/time", Map.of("date",
                "2026-11-05T11:00:00Z", "time", 15, "label", "Nowhere", "hand_id", hand), member.token()).status());

        // The same Idempotency-Key logs once and answers the first response again.
        Map<String, Object> body = entry("2026-11-06", "09:00", 30);
        Api.Response first = api.postOnce("/api/contracts/" + contract + "/time", body, member.token(), "entry-1");
        Api.Response replay = api.postOnce("/api/contracts/" + contract + "/time", body, member.token(), "entry-1");
        assertEquals(201, first.status(), first::toString);
        assertEquals(first.body().path("id"), replay.body().path("id"));
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(null));
    }

    @Test
    void aClockStartsAtMostADayAgoAndOneLeftRunningForYearsStopsWithAReason() {
        long contract = ContractFixtures.create(owner.token(), "No start date"); // nothing bounds its past
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        String start = "/api/hands/" + hand + "/start";
        assertField(api.post(start, Map.of("date", "2024-01-01T00:00:00Z"), member.token()), "date");
        Instant now = ContractFixtures.now().truncatedTo(ChronoUnit.SECONDS);
        assertField(api.post(start, Map.of("date", now.minus(Duration.ofHours(25)).toString()), member.token()), "date");
        Instant started = now.minus(Duration.ofHours(23));
        Api.Response running = api.post(start, Map.of("date", started.toString()), member.token());
        assertEquals(201, running.status(), running::toString);
        try {
            // Left running for two years: one stop cannot write its 100+ weeks, so it says which date still fits.
            Clocks.adjustable().advance(Duration.ofDays(2 * 365));
            String token = signIn(member.email()); // the old token has long expired
            Api.Response tooLong = api.post("/api/hands/" + hand + "/stop", Map.of(), token);
            assertEquals(409, tooLong.status(), tooLong::toString);
            assertTrue(tooLong.body().path("message").asText().contains("stop it with a date before"), tooLong::toString);
            Api.Response stopped = api.post("/api/hands/" + hand + "/stop",
                    Map.of("date", started.plus(Duration.ofHours(3)).toString()), token);
            assertEquals(200, stopped.status(), stopped::toString);
            assertEquals(running.body().path("id").asLong(), stopped.body().path("id").asLong());
            assertEquals(180, stopped.body().path("duration").asInt());
        } finally {
            Clocks.adjustable().reset();
        }
    }

    private String signIn(String email) {
        assertEquals(200, api.post("/api/loginrequest", Map.of("email", email)).status());
        Api.Response login = api.post("/api/login", Map.of("email", email, "password", TestServer.mailbox().latestCode(email)));
        assertEquals(200, login.status(), login::toString);
        return login.text("token");
    }

    @Test
    void aNullDurationIsAMissingOne() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        Map<String, Object> body = new HashMap<>();
        body.put("duration", null);
        assertField(logTime(contract, member, body), "duration");
        body.put("end", null);
        assertField(logTime(contract, member, body), "duration");
    }

    @Test
    void theTimezoneIsFixedOnceTimeIsLogged() {
        long contract = ContractFixtures.contractId(owner, "Europe/Berlin");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "30", 0);
        String path = "/api/contracts/" + contract;
        Api.Response early = api.send("PUT", path, Map.of("timezone", "Europe/Paris"), owner.token());
        assertEquals(200, early.status(), "no time yet: the zone may change: " + early);
        logged(contract, member, entry("2026-11-02", "09:00", 60));
        assertField(api.send("PUT", path, Map.of("timezone", "America/New_York"), owner.token()), "timezone");
        // The week locks keep their Mondays: the same entry again still overlaps.
        assertEquals(409, logTime(contract, member, entry("2026-11-02", "09:30", 30)).status());
        Api.Response same = api.send("PUT", path, Map.of("timezone", "Europe/Paris", "label", "Renamed"), owner.token());
        assertEquals(200, same.status(), "sending the zone it has is no change: " + same);
    }
}
