package com.ceki.tests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ceki.core.money.Currency;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The world the hostile requests are aimed at, made through the API like a client would: an active, email-verified,
 * funded agent with a schedule; a signed-in person with two kals, a file, a schedule with a booking and a member, and
 * a contact they created; and a second agent and a second person whose ids are "someone else's".
 *
 * <p>The examples refer to these as {@code "$name"}; {@link #others()} says whose id is someone else's version of
 * which. {@code $uniqueEmail} and {@code $unique} are fresh on every use.
 */
final class Fixtures {

    private final Map<String, Object> refs = new ConcurrentHashMap<>();

    private Fixtures() {}

    static Fixtures create() {
        Fixtures f = new Fixtures();
        Api api = TestServer.api();

        var agent = Agents.register("hostile-agent");
        f.put("agentId", agent.id()).put("agentKey", agent.apiKey()).put("agentEmail", agent.email())
                .put("agentKal", agent.response().body().path("kal_id").asLong());
        String code = TestServer.mailbox().latestCode(agent.email());
        ok(api.post("/api/agent/verify-email", Map.of("email", agent.email(), "code", code)));
        f.put("agentCode", code);
        Agents.activate(agent.id());
        Funding.deposit(agent.id(), Currency.USDT, "100000");
        f.put("agentSchedule", agentSchedule(api, agent.apiKey(), agent.response().body().path("kal_id").asLong()));

        var other = Agents.register("hostile-other-agent");
        Agents.activate(other.id());
        Funding.deposit(other.id(), Currency.USDT, "100");
        f.put("otherAgentId", other.id()).put("otherAgentKal", other.response().body().path("kal_id").asLong())
                .put("otherAgentSchedule", agentSchedule(api, other.apiKey(), other.response().body().path("kal_id").asLong()));

        Users.SignedIn person = Users.signUp("hostile-person", "Hostile Person");
        String password = "fuzz-" + UUID.randomUUID();
        ok(api.send("PUT", "/api/user", Map.of("password", password, "password_confirmation", password), person.token()));
        f.put("userId", person.id()).put("userToken", person.token()).put("userEmail", person.email())
                .put("userPassword", password);
        f.put("kal", kal(api, person.token(), "Work")).put("kal2", kal(api, person.token(), "Home"));
        f.put("file", file(api, person.token()));
        long schedule = schedule(api, person.token());
        f.put("schedule", schedule).put("booking", booking(api, person.token(), schedule));
        Users.SignedIn member = Users.signUp("hostile-member");
        ok(api.post("/api/schedules/" + schedule + "/users", List.of(Map.of("role_id", 3, "user_id", member.id())),
                person.token()));
        f.put("member", member.id());
        String contactEmail = Agents.uniqueEmail("hostile-contact");
        f.put("contactEmail", contactEmail).put("contact", ok(api.post("/api/contacts", Map.of("email", contactEmail),
                person.token())).path("new").path("id").asLong());

        Users.SignedIn stranger = Users.signUp("hostile-stranger");
        long strangersSchedule = schedule(api, stranger.token());
        f.put("otherUserId", stranger.id()).put("otherKal", kal(api, stranger.token(), "Theirs"))
                .put("otherFile", file(api, stranger.token())).put("otherSchedule", strangersSchedule)
                .put("otherBooking", booking(api, stranger.token(), strangersSchedule));

        contracts(f, api, person, stranger);

        f.put("month", YearMonth.now(ZoneOffset.UTC).toString());
        f.put("png", Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}));
        return f;
    }

    /** Someone else's version of a reference (the same kind of id, owned by the second agent or person). */
    static Map<String, String> others() {
        Map<String, String> others = new HashMap<>();
        others.put("agentId", "otherAgentId");
        others.put("agentKal", "otherAgentKal");
        others.put("agentSchedule", "otherAgentSchedule");
        others.put("userId", "otherUserId");
        others.put("contact", "otherUserId");
        others.put("member", "otherUserId");
        others.put("kal", "otherKal");
        others.put("kal2", "otherKal");
        others.put("file", "otherFile");
        others.put("schedule", "otherSchedule");
        others.put("booking", "otherBooking");
        others.put("contract", "otherContract");
        others.put("hand", "otherHand");
        others.put("ownerHand", "otherHand");
        for (String event : List.of("entry", "meeting", "approveEntry", "declineEntry", "deleteEntry", "bill", "deletedBill",
                "visit")) {
            others.put(event, "otherBooking");
        }
        return others;
    }

    /** The value of {@code $name}: a fixture, or a fresh one for {@code uniqueEmail}/{@code unique}. */
    Object ref(String name) {
        return switch (name) {
            case "uniqueEmail" -> Agents.uniqueEmail("hostile");
            case "unique" -> UUID.randomUUID().toString();
            default -> {
                Object value = refs.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("No fixture $" + name);
                }
                yield value;
            }
        };
    }

    boolean has(String name) {
        return refs.containsKey(name) || name.equals("uniqueEmail") || name.equals("unique");
    }

    /** A fixture that a successful call changed (a regenerated API key). */
    Fixtures put(String name, Object value) {
        refs.put(name, value);
        return this;
    }

    /**
     * The person's contract with an accepted member at 30/h, their own hand, time entries (one to change, one to
     * approve, one to decline, one to delete), an approved meeting worth a million to pay from, a bill; a contract of
     * the stranger's that invites the person; a correction, proposed by the member, of a booking the member made on
     * the person's schedule; and a feed token of the person's second kal.
     */
    private static void contracts(Fixtures f, Api api, Users.SignedIn person, Users.SignedIn stranger) {
        long contract = ok(api.post("/api/contracts", Map.of("label", "Hostile contract", "currency", "USD",
                "start", "2026-01-01T00:00:00Z", "timezone", "Europe/Berlin"), person.token())).path("id").asLong();
        Users.SignedIn worker = Users.signUp("hostile-worker");
        long hand = ok(api.post("/api/contracts/" + contract + "/hands", Map.of("user_id", worker.id(), "role_id", 3,
                "schedule", Map.of("price", 30)), person.token())).path("id").asLong();
        ok(api.post("/api/contracts/" + contract + "/hands/" + hand + "/answer", Map.of("answer", true), worker.token()));
        long ownerHand = 0;
        for (JsonNode h : ok(api.get("/api/contracts/" + contract, person.token())).path("hands")) {
            if (h.path("user_id").asLong() == person.id()) {
                ownerHand = h.path("id").asLong();
            }
        }
        f.put("contract", contract).put("hand", hand).put("ownerHand", ownerHand);
        String[] entries = {"entry", "approveEntry", "declineEntry", "deleteEntry", "billed"};
        for (int i = 0; i < entries.length; i++) {
            f.put(entries[i], ok(api.post("/api/contracts/" + contract + "/time", Map.of("date", "2026-02-0" + (i + 2),
                    "start", "09:00", "duration", 30, "benefitable_id", hand), person.token())).path("id").asLong());
        }
        long meeting = ok(api.post("/api/contracts/" + contract + "/events", Map.of("label", "Retainer",
                "amount", "1000000"), person.token())).path("id").asLong();
        ok(api.post("/api/contracts/" + contract + "/transactions/approve", Map.of("transactions", List.of(meeting)),
                person.token()));
        f.put("meeting", meeting);
        f.put("bill", ok(api.post("/api/contracts/" + contract + "/bills", Map.of("label", "February",
                "data", Map.of("items", List.of(Map.of("id", f.ref("billed"))))), person.token())).path("id").asLong());
        f.put("deletedBill", ok(api.post("/api/contracts/" + contract + "/bills", Map.of("label", "To delete",
                "data", Map.of("items", List.of())), person.token())).path("id").asLong());

        long theirs = ok(api.post("/api/contracts", Map.of("label", "Stranger's", "currency", "EUR"), stranger.token()))
                .path("id").asLong();
        f.put("otherContract", theirs).put("otherHand", ok(api.get("/api/contracts/" + theirs, stranger.token()))
                .path("hand").path("id").asLong());
        f.put("invitedContract", theirs).put("invitedHand", ok(api.post("/api/contracts/" + theirs + "/invite",
                Map.of("user_id", person.id(), "role", "client", "schedule", Map.of()), stranger.token())).path("id").asLong());

        long visit = ok(api.post("/api/schedules/" + f.ref("schedule") + "/events", Map.of("date", "2027-03-03",
                "start", "09:00", "duration", 60, "label", "Visit"), worker.token())).path("id").asLong();
        JsonNode proposed = ok(api.send("PUT", "/api/events/" + visit, Map.of("label", "Visit (moved)"), person.token()));
        f.put("visit", visit).put("correction", proposed.path("corrections").path(0).path("id").asLong());

        String url = ok(api.post("/api/kals/" + f.ref("kal2") + "/feed", Map.of(), person.token())).path("url").asText();
        f.put("feedToken", url.substring(url.lastIndexOf('/') + 1));
    }

    private static long agentSchedule(Api api, String key, long kalId) {
        Map<String, Object> body = new HashMap<>();
        body.put("kal_id", kalId);
        body.put("settings", Map.of("price", 10, "duration", 60, "currency", "USD"));
        body.put("start", "2026-04-21T09:00:00Z");
        body.put("private", false);
        return ok(api.post("/api/agent/schedules", body, key)).path("schedule").path("id").asLong();
    }

    private static long kal(Api api, String token, String label) {
        return ok(api.post("/api/kals", Map.of("label", label, "private", false), token)).path("id").asLong();
    }

    private static long file(Api api, String token) {
        String data = Base64.getEncoder().encodeToString("not really a png".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ok(api.post("/api/files", Map.of("image", Map.of("name", "a.png", "content_type", "image/png", "data", data)),
                token)).path(0).path("id").asLong();
    }

    private static long schedule(Api api, String token) {
        Map<String, Object> settings = Map.of("days", List.of(1, 2, 3, 4, 5), "hours", Map.of("start", "09:00", "end", "17:00"),
                "duration", 60, "price", 40, "currency", "USD");
        Map<String, Object> body = Map.of("label", "Hostile review", "private", false, "timezone", "Europe/Berlin",
                "start", "2027-01-01T00:00:00Z", "settings", settings);
        return ok(api.post("/api/schedules", body, token)).path("id").asLong();
    }

    private static long booking(Api api, String token, long schedule) {
        Map<String, Object> body = Map.of("date", "2027-03-02", "start", "09:00", "duration", 60, "label", "Fixture");
        return ok(api.post("/api/schedules/" + schedule + "/events", body, token)).path("id").asLong();
    }

    private static JsonNode ok(Api.Response response) {
        assertEquals(2, response.status() / 100, response::toString);
        return response.body();
    }
}
