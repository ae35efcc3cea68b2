package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.money.Currency;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.Schedules;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Agent schedules: shapes, ownership, validation before any charge, public listing in the directory. */
class AgentSchedulesTest {

    private final Api api = TestServer.api();

    @Test
    void createsPrivateByDefaultAndReadsItBack() {
        var a = funded("sched");
        Api.Response created = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
        assertEquals(201, created.status(), created::toString);
        JsonNode s = created.body().path("schedule");
        assertEquals(a.kalId(), s.path("kal_id").asLong());
        assertEquals(a.agent().id(), s.path("user_id").asLong());
        assertEquals(60, s.path("settings").path("duration").asInt());
        assertEquals("2026-04-21T09:00:00Z", s.path("start").asText());
        assertEquals("2026-04-21T18:00:00Z", s.path("end").asText());
        assertEquals("Europe/Moscow", s.path("timezone").asText());
        assertTrue(s.path("private").asBoolean(), "private by default");
        assertTrue(s.path("created_at").asText().matches(".*\\.\\d{6}Z"));

        Api.Response read = api.get("/api/agent/schedules/" + s.path("id").asLong(), a.agent().apiKey());
        assertEquals(200, read.status());
        assertEquals(s, read.body().path("schedule"));
        JsonNode list = api.get("/api/agent/schedules", a.agent().apiKey()).body();
        assertEquals(1, list.path("total").asInt());
        assertEquals(50, list.path("per_page").asInt());
        assertEquals(s.path("id"), list.path("data").get(0).path("id"));
    }

    @Test
    void anotherAgentsScheduleDoesNotExistForYou() {
        var owner = funded("owner");
        long id = api.post("/api/agent/schedules", Schedules.body(owner.kalId()), owner.agent().apiKey())
                .body().path("schedule").path("id").asLong();
        var other = funded("other");
        assertEquals(404, api.get("/api/agent/schedules/" + id, other.agent().apiKey()).status());
        Api.Response patch = api.patch("/api/agent/schedules/" + id, Map.of("private", false), other.agent().apiKey());
        assertEquals(404, patch.status());
        assertTrue(api.get("/api/agent/schedules/" + id, owner.agent().apiKey()).body().path("schedule").path("private").asBoolean());
        // Someone else's calendar cannot hold your schedule either.
        Api.Response foreignKal = api.post("/api/agent/schedules", Schedules.body(owner.kalId()), other.agent().apiKey());
        assertEquals(422, foreignKal.status());
        assertEquals("The selected kal id is invalid.", foreignKal.body().path("errors").path("kal_id").get(0).asText());
        assertEquals(new BigDecimal("5.00"), Funding.balances(other.agent().id()).get(Currency.USDT).setScale(2), "not charged");
    }

    @Test
    void patchingMakesItPublicAndTheDirectoryListsIt() {
        var a = funded("public");
        long id = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey())
                .body().path("schedule").path("id").asLong();
        assertEquals(0, api.get("/api/agent/agents/" + a.agent().id()).body().path("schedules").size());

        Map<String, Object> patch = new HashMap<>();
        patch.put("private", false);
        patch.put("settings", Map.of("price", 15, "duration", 45));
        patch.put("end", null);
        Api.Response patched = api.patch("/api/agent/schedules/" + id, patch, a.agent().apiKey());
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(45, patched.body().path("schedule").path("settings").path("duration").asInt());
        assertTrue(patched.body().path("schedule").path("end").isNull());

        JsonNode profile = api.get("/api/agent/agents/" + a.agent().id()).body();
        assertEquals(1, profile.path("agent").path("schedules_count").asInt());
        assertEquals(id, profile.path("schedules").get(0).path("id").asLong());
        assertEquals(15, profile.path("schedules").get(0).path("settings").path("price").asInt());
        JsonNode page = api.get("/api/agent/agents/" + a.agent().id() + "/schedules").body();
        assertEquals(a.agent().id(), page.path("agent_id").asLong());
        assertEquals(1, page.path("schedules").path("total").asInt());
        assertEquals(id, page.path("schedules").path("data").get(0).path("id").asLong());
    }

    @Test
    void theDirectoryListsPublicSchedulesNewestFirst() {
        var a = funded("newest");
        Funding.deposit(a.agent().id(), Currency.USDT, "20.00");
        long first = 0;
        long last = 0;
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = Schedules.body(a.kalId());
            body.put("private", false);
            long id = api.post("/api/agent/schedules", body, a.agent().apiKey()).body().path("schedule").path("id").asLong();
            first = i == 0 ? id : first;
            last = id;
        }
        JsonNode data = api.get("/api/agent/agents/" + a.agent().id() + "/schedules").body().path("schedules").path("data");
        assertEquals(3, data.size());
        assertEquals(last, data.get(0).path("id").asLong());
        assertEquals(first, data.get(2).path("id").asLong());
    }

    static Stream<Arguments> invalidSchedules() {
        return Stream.of(
                Arguments.of("settings", "not an object", "settings", "The settings field must be an object."),
                Arguments.of("settings", List.of("string"), "settings", "The settings field must be an object."),
                Arguments.of("settings", Map.of(), "settings", "The settings field must not be empty."),
                Arguments.of("settings", Map.of("price", -1), "settings.price", "The settings.price field must be at least 0."),
                Arguments.of("settings", Map.of("duration", 10), "settings.duration", "The settings.duration field must be between 15 and 1440."),
                Arguments.of("settings", Map.of("colour", "red"), "settings.colour", "The settings.colour field is not allowed."),
                Arguments.of("settings", Map.of("days", List.of(1, 7)), "settings.days.1", "The settings.days.1 field must be an integer between 0 and 6."),
                Arguments.of("settings", Map.of("hours", Map.of("start", "18:00", "end", "09:00")), "settings.hours.end",
                        "The settings.hours.end field must be a time after settings.hours.start."),
                Arguments.of("settings", Map.of("hours", Map.of("start", "9am", "end", "17:00")), "settings.hours.start",
                        "The settings.hours.start field must match the format H:i."),
                Arguments.of("timezone", "Mars/Olympus", "timezone", "The timezone field must be a valid timezone."),
                Arguments.of("timezone", "+03:00", "timezone", "The timezone field must be a valid timezone."),
                Arguments.of("start", "tomorrow", "start", "The start field must be a valid date."),
                Arguments.of("end", "2026-04-21T08:00:00Z", "end", "The end field must be a date after start."),
                Arguments.of("kal_id", "five", "kal_id", "The kal id field must be an integer."),
                Arguments.of("kal_id", 999999999, "kal_id", "The selected kal id is invalid."),
                Arguments.of("private", "yes", "private", "The private field must be true or false."));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidSchedules")
    void invalidInputIsA422AndCostsNothing(String field, Object value, String errorField, String message) {
        var a = funded("invalid");
        Map<String, Object> body = Schedules.body(a.kalId());
        body.put(field, value);
        Api.Response response = api.post("/api/agent/schedules", body, a.agent().apiKey());
        assertEquals(422, response.status(), response::toString);
        assertEquals(message, response.body().path("errors").path(errorField).get(0).asText(), response::toString);
        assertEquals(new BigDecimal("5.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));
        assertEquals(0, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
    }

    @Test
    void pendingAgentsMayListButNotCreateOrPublish() {
        var agent = Agents.register("pending-sched");
        assertEquals(200, api.get("/api/agent/schedules", agent.apiKey()).status());
        assertEquals(403, api.patch("/api/agent/schedules/1", Map.of("private", false), agent.apiKey()).status());
    }

    private static Schedules.ActiveAgent funded(String label) {
        var a = Schedules.activeAgent(label);
        Funding.deposit(a.agent().id(), Currency.USDT, "5.00");
        return a;
    }
}
