package com.ceki.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ceki.core.time.Clocks;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Contracts for tests, made through the API: a contract, people on it in a role, time and meetings to bill. */
public final class ContractFixtures {

    /** A person with an accepted (or, from {@link #pending}, pending) hand on a contract. */
    public record Member(Users.SignedIn person, long handId) {
        public String token() {
            return person.token();
        }
    }

    private ContractFixtures() {}

    private static Api api() {
        return TestServer.api();
    }

    /** The smallest valid contract body: a label and USD. */
    public static Map<String, Object> body(String label) {
        return new HashMap<>(Map.of("label", label, "currency", "USD"));
    }

    /** Creates a contract (201) and returns it as created. */
    public static JsonNode create(String token, Map<String, Object> body) {
        Api.Response created = api().post("/api/contracts", body, token);
        assertEquals(201, created.status(), created::toString);
        return created.body();
    }

    /** Creates a contract labelled {@code label} and returns its id. */
    public static long create(String token, String label) {
        return create(token, body(label)).path("id").asLong();
    }

    /** A person made by {@code token} adding an unknown email as a contact: a user who exists, cheaply. */
    public static long contact(String token) {
        Api.Response added = api().post("/api/contacts", Map.of("email", Agents.uniqueEmail("contact")), token);
        assertEquals(200, added.status(), added::toString);
        return added.body().path("new").path("id").asLong();
    }

    /** {@code POST .../hands} for {@code userId} in {@code roleId}, with {@code extra} fields (levels, schedule): 201. */
    public static JsonNode addHand(String token, long contract, long userId, int roleId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("user_id", userId);
        body.put("role_id", roleId);
        Api.Response added = api().post("/api/contracts/" + contract + "/hands", body, token);
        assertEquals(201, added.status(), added::toString);
        return added.body();
    }

    public static Api.Response answer(String token, long contract, long hand, boolean yes) {
        return api().post("/api/contracts/" + contract + "/hands/" + hand + "/answer", Map.of("answer", yes), token);
    }

    /** A contract of {@code owner} in {@code timezone}, from 2026-01-01, in USD; {@code extra} adds or replaces fields. */
    public static JsonNode contract(Users.SignedIn owner, String timezone, Map<String, Object> extra) {
        Map<String, Object> body = body("Contract");
        body.put("timezone", timezone);
        body.put("start", "2026-01-01T00:00:00Z");
        body.putAll(extra);
        return create(owner.token(), body);
    }

    public static long contractId(Users.SignedIn owner, String timezone) {
        return contract(owner, timezone, Map.of()).path("id").asLong();
    }

    /** {@code person} added with {@code roleId} at {@code hourly} (USD per hour) and {@code limit} weekly hours, accepted. */
    public static long acceptedHand(long contract, Users.SignedIn owner, Users.SignedIn person, int roleId, String hourly,
                                    int limit) {
        long hand = addHand(owner.token(), contract, person.id(), roleId,
                Map.of("limit", limit, "schedule", Map.of("price", hourly))).path("id").asLong();
        Api.Response yes = answer(person.token(), contract, hand, true);
        assertEquals(200, yes.status(), yes::toString);
        assertEquals(200, yes.body().path("status_id").asInt(), yes::toString);
        return hand;
    }

    /** The id of the hand of {@code userId} on the contract, as {@code reader} sees the contract. */
    public static long handOf(long contract, Users.SignedIn reader, long userId) {
        for (JsonNode hand : get(reader.token(), contract).path("hands")) {
            if (hand.path("user_id").asLong() == userId) {
                return hand.path("id").asLong();
            }
        }
        throw new AssertionError("no hand of user " + userId + " on contract " + contract);
    }

    /** A new person with an accepted hand of {@code roleId} (levels and schedule from {@code extra}). */
    public static Member join(String ownerToken, long contract, int roleId, Map<String, Object> extra) {
        Member pending = pending(ownerToken, contract, roleId, extra);
        Api.Response accepted = answer(pending.token(), contract, pending.handId(), true);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals(200, accepted.body().path("status_id").asInt(), accepted::toString);
        return pending;
    }

    public static Member join(String ownerToken, long contract, int roleId) {
        return join(ownerToken, contract, roleId, Map.of());
    }

    /** A new person with a hand of {@code roleId} that they have not answered yet. */
    public static Member pending(String ownerToken, long contract, int roleId, Map<String, Object> extra) {
        Users.SignedIn person = Users.signUp("hand-" + roleId);
        JsonNode hand = addHand(ownerToken, contract, person.id(), roleId, extra);
        return new Member(person, hand.path("id").asLong());
    }

    /** The contract as {@code token} sees it (200). */
    public static JsonNode get(String token, long contract) {
        Api.Response got = api().get("/api/contracts/" + contract, token);
        assertEquals(200, got.status(), got::toString);
        return got.body();
    }

    /** The hand of {@code handId} in the contract as {@code token} sees it. */
    public static JsonNode hand(String token, long contract, long handId) {
        for (JsonNode hand : get(token, contract).path("hands")) {
            if (hand.path("id").asLong() == handId) {
                return hand;
            }
        }
        throw new AssertionError("no hand " + handId + " on contract " + contract);
    }

    /** The ids of the contracts {@code GET /api/contracts} lists for {@code token} (first page of 100). */
    public static List<Long> listed(String token) {
        Api.Response list = api().get("/api/contracts?perPage=100", token);
        assertEquals(200, list.status(), list::toString);
        return ids(list.body().path("data"));
    }

    public static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }

    /** {@code minutes} of time for {@code hand} starting {@code hoursAgo} hours before the server's now (201). */
    public static JsonNode logTime(String token, long contract, long hand, int hoursAgo, int minutes) {
        Instant start = now().minus(hoursAgo, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Api.Response logged = api().post("/api/contracts/" + contract + "/time",
                Map.of("date", start.toString(), "duration", minutes, "benefitable_id", hand), token);
        assertEquals(201, logged.status(), logged::toString);
        return logged.body();
    }

    /** A meeting (type 1) worth {@code amount}, a day ago (201). */
    public static JsonNode meeting(String token, long contract, String label, String amount) {
        Map<String, Object> body = new HashMap<>(Map.of("label", label,
                "date", now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(), "duration", 60));
        if (amount != null) {
            body.put("amount", amount);
        }
        Api.Response created = api().post("/api/contracts/" + contract + "/events", body, token);
        assertEquals(201, created.status(), created::toString);
        return created.body();
    }

    /** The server's clock: the tests' shared adjustable clock. */
    public static Instant now() {
        return Clocks.adjustable().instant();
    }
}
