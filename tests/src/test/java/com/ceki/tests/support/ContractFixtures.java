package com.ceki.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Contracts for tests, made through the API: a contract, and hands invited and accepted as a person would. */
public final class ContractFixtures {

    private ContractFixtures() {}

    /** A contract of {@code owner} in {@code timezone}, from 2026-01-01, in USD; {@code extra} adds or replaces fields. */
    public static JsonNode contract(Users.SignedIn owner, String timezone, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("label", "Contract", "currency", "USD", "timezone", timezone,
                "start", "2026-01-01T00:00:00Z"));
        body.putAll(extra);
        Api.Response created = TestServer.api().post("/api/contracts", body, owner.token());
        assertEquals(201, created.status(), created::toString);
        return created.body();
    }

    public static long contractId(Users.SignedIn owner, String timezone) {
        return contract(owner, timezone, Map.of()).path("id").asLong();
    }

    /** {@code person} added with {@code roleId} at {@code hourly} (USD per hour) and {@code limit} weekly hours, accepted. */
    public static long acceptedHand(long contractId, Users.SignedIn owner, Users.SignedIn person, int roleId,
                                    String hourly, int limit) {
        Api api = TestServer.api();
        Api.Response added = api.post("/api/contracts/" + contractId + "/hands", Map.of("user_id", person.id(),
                "role_id", roleId, "limit", limit, "schedule", Map.of("price", hourly)), owner.token());
        assertEquals(201, added.status(), added::toString);
        long handId = added.body().path("id").asLong();
        Api.Response yes = api.post("/api/contracts/" + contractId + "/hands/" + handId + "/answer", Map.of("answer", true),
                person.token());
        assertEquals(200, yes.status(), yes::toString);
        assertEquals(200, yes.body().path("status_id").asInt(), yes::toString);
        return handId;
    }

    /** The id of {@code person}'s hand on the contract, as the contract lists it. */
    public static long handOf(long contractId, Users.SignedIn reader, long userId) {
        for (JsonNode hand : TestServer.api().get("/api/contracts/" + contractId, reader.token()).body().path("hands")) {
            if (hand.path("user_id").asLong() == userId) {
                return hand.path("id").asLong();
            }
        }
        throw new AssertionError("no hand of user " + userId + " on contract " + contractId);
    }
}
