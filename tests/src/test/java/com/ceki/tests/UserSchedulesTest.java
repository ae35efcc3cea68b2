package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.json.Json;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User schedules through the API: create and change, who may see and change them (members), and validation. */
class UserSchedulesTest {

    private final Api api = TestServer.api();

    static Map<String, Object> body(String label, String timezone, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>();
        body.put("label", label);
        body.put("private", false);
        body.put("timezone", timezone);
        body.put("start", "2027-01-01T00:00:00Z");
        body.put("settings", settings);
        return body;
    }

    static Map<String, Object> weekdays9to17() {
        return new HashMap<>(Map.of("days", List.of(1, 2, 3, 4, 5), "hours", Map.of("start", "09:00", "end", "17:00"),
                "duration", 60, "price", 40, "currency", "USD"));
    }

    static long create(Api api, String token, Map<String, Object> body) {
        Api.Response created = api.post("/api/schedules", body, token);
        assertEquals(201, created.status(), created::toString);
        return created.body().path("id").asLong();
    }

    @Test
    void createsReadsAndReplacesASchedule() {
        Users.SignedIn owner = Users.signUp("sched-owner");
        Api.Response created = api.post("/api/schedules", body("Consulting", "Europe/Berlin", weekdays9to17()), owner.token());
        assertEquals(201, created.status(), created::toString);
        JsonNode s = created.body();
        assertEquals("Consulting", s.path("label").asText());
        assertEquals(owner.id(), s.path("user_id").asLong());
        assertEquals("Europe/Berlin", s.path("timezone").asText());
        assertEquals("40.00", s.path("price").asText(), "price taken from settings");
        assertEquals(60, s.path("duration").asInt());
        assertEquals("2027-01-01T00:00:00Z", s.path("start").asText());
        assertFalse(s.path("private").asBoolean());

        long id = s.path("id").asLong();
        Api.Response read = api.get("/api/schedules/" + id, owner.token());
        assertEquals(200, read.status(), read::toString);
        assertEquals(s, read.body());

        Map<String, Object> change = body("Advice", "Europe/Berlin", weekdays9to17());
        change.put("currency", "EUR");
        change.put("private", true);
        Api.Response replaced = api.send("PUT", "/api/schedules/" + id, change, owner.token());
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("Advice", replaced.body().path("label").asText());
        assertTrue(replaced.body().path("private").asBoolean());
        assertEquals("Advice", api.get("/api/schedules/" + id, owner.token()).body().path("label").asText());
    }

    @Test
    void putWithoutIdCreatesWithGeneratedEventTemplatesAndWithIdReplaces() {
        Users.SignedIn owner = Users.signUp("upsert");
        long kal = api.post("/api/kals", Map.of("label", "Work", "private", true), owner.token()).body().path("id").asLong();
        Map<String, Object> body = body("Slots", "UTC", new HashMap<>(Map.of("days", List.of(1), "hours", Map.of("start", "09:00", "end", "11:00"))));
        body.put("kal_id", kal);
        body.put("type_id", 1);
        body.put("duration", 30);
        body.put("currency", "USD");
        Api.Response created = api.send("PUT", "/api/schedules", body, owner.token());
        assertEquals(201, created.status(), created::toString);
        JsonNode events = created.body().path("settings").path("events");
        assertEquals(4, events.size(), "09:00, 09:30, 10:00, 10:30");
        assertEquals("10:30", events.get(3).path("start").asText());
        assertEquals(kal, created.body().path("kal_id").asLong());

        body.put("id", created.body().path("id").asLong());
        body.put("label", "Renamed");
        Api.Response replaced = api.send("PUT", "/api/schedules", body, owner.token());
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("Renamed", replaced.body().path("label").asText());

        Users.SignedIn stranger = Users.signUp("upsert-stranger");
        assertEquals(404, api.send("PUT", "/api/schedules", body, stranger.token()).status(), "not theirs to replace");
        Map<String, Object> foreignKal = new HashMap<>(body);
        foreignKal.remove("id");
        assertEquals(422, api.send("PUT", "/api/schedules", foreignKal, stranger.token()).status(), "kal_id is not theirs");
    }

    @Test
    void refusesBadInputNamingTheFieldAndWritesNothing() {
        Users.SignedIn owner = Users.signUp("sched-bad");
        assertField(api.post("/api/schedules", "{not json", owner.token()), "body");
        Map<String, Object> noLabel = body("x", "UTC", weekdays9to17());
        noLabel.remove("label");
        assertField(api.post("/api/schedules", noLabel, owner.token()), "label");
        assertField(api.post("/api/schedules", body("x".repeat(256), "UTC", weekdays9to17()), owner.token()), "label");
        assertField(api.post("/api/schedules", body("Tz", "Mars/Olympus", weekdays9to17()), owner.token()), "timezone");
        Map<String, Object> badType = body("Type", "UTC", weekdays9to17());
        badType.put("type_id", 4);
        assertField(api.post("/api/schedules", badType, owner.token()), "type_id");
        Map<String, Object> badDays = weekdays9to17();
        badDays.put("days", List.of(7));
        assertField(api.post("/api/schedules", body("Days", "UTC", badDays), owner.token()), "settings.days.0");
        Map<String, Object> badHours = weekdays9to17();
        badHours.put("hours", Map.of("start", "18:00", "end", "09:00"));
        assertField(api.post("/api/schedules", body("Hours", "UTC", badHours), owner.token()), "settings.hours.end");
        Map<String, Object> unknownKey = weekdays9to17();
        unknownKey.put("colour", "red");
        assertField(api.post("/api/schedules", body("Key", "UTC", unknownKey), owner.token()), "settings.colour");
        Map<String, Object> negative = weekdays9to17();
        negative.put("price", -1);
        assertField(api.post("/api/schedules", body("Neg", "UTC", negative), owner.token()), "settings.price");
        Map<String, Object> order = body("Order", "UTC", weekdays9to17());
        order.put("end", "2026-01-01T00:00:00Z");
        assertField(api.post("/api/schedules", order, owner.token()), "end");
        Map<String, Object> foreignFile = body("File", "UTC", weekdays9to17());
        foreignFile.put("files", List.of(123456789));
        assertField(api.post("/api/schedules", foreignFile, owner.token()), "files.0");
        Map<String, Object> foreignKal = body("Kal", "UTC", weekdays9to17());
        foreignKal.put("kal_id", 987654321);
        assertField(api.post("/api/schedules", foreignKal, owner.token()), "kal_id");

        long id = create(api, owner.token(), body("Kept", "UTC", weekdays9to17()));
        String path = "/api/schedules/" + id;
        assertField(api.post(path + "/users", List.of(1), owner.token()), "0");
        assertField(api.post(path + "/users", "\"everyone\"", owner.token()), "body");
        assertField(api.post(path + "/events", List.of(), owner.token()), "body");
        assertField(api.post(path + "/events", Map.of("date", 20270301, "start", "10:00", "label", "x"), owner.token()), "date");
        assertField(api.post(path + "/events", Map.of("date", "2027-03-01", "start", "10:00", "label", "x", "status_id", 444), owner.token()), "status_id");
        assertField(api.post(path + "/events/label", Map.of("label", "x", "ids", "all"), owner.token()), "ids");
        assertField(api.post(path + "/payments", Map.of("date", "2027-03-01T00:00:00Z", "amount", "lots", "ids", List.of(1)), owner.token()), "amount");
        assertField(api.post(path + "/payments", Map.of("date", "2027-03-01T00:00:00Z", "amount", 1.005, "ids", List.of(1)), owner.token()), "amount");
        assertEquals(404, api.get("/api/schedules/999999999", owner.token()).status());
        assertEquals(404, api.post("/api/schedules/999999999/events", Map.of("date", "2027-03-01", "start", "10:00", "label", "x"), owner.token()).status());
        Map<String, Object> badUpdate = body("", "UTC", weekdays9to17());
        assertField(api.send("PUT", "/api/schedules/" + id, badUpdate, owner.token()), "label");
        assertEquals("Kept", api.get("/api/schedules/" + id, owner.token()).body().path("label").asText(), "nothing written");
    }

    @Test
    void membersSeeAndChangeWhatTheirRoleAllows() {
        Users.SignedIn owner = Users.signUp("m-owner");
        Users.SignedIn manager = Users.signUp("m-manager");
        Users.SignedIn viewer = Users.signUp("m-viewer");
        Users.SignedIn stranger = Users.signUp("m-stranger");
        Map<String, Object> body = body("Team", "UTC", weekdays9to17());
        body.put("private", true);
        long id = create(api, owner.token(), body);
        String path = "/api/schedules/" + id;

        assertEquals(404, api.get(path, stranger.token()).status(), "a stranger does not learn it exists");
        assertEquals(404, api.get(path + "/users", stranger.token()).status());
        assertEquals(404, api.post(path + "/users", List.of(Map.of("role_id", 3, "user_id", stranger.id())), stranger.token()).status());

        Api.Response added = api.post(path + "/users", List.of(Map.of("role_id", 2, "user_id", manager.id()),
                Map.of("role_id", "6", "user_id", viewer.id())), owner.token());
        assertEquals(200, added.status(), added::toString);
        assertEquals(3, added.body().size(), "owner, manager, viewer");
        assertEquals(1, added.body().get(0).path("pivot").path("role_id").asInt());
        JsonNode viewerRow = added.body().get(2);
        assertEquals(viewer.id(), viewerRow.path("id").asLong());
        assertEquals(1, viewerRow.path("pivot").path("read").asInt());
        assertEquals(0, viewerRow.path("pivot").path("write").asInt());
        assertFalse(viewerRow.has("phone"), "members do not see each other's private details");

        assertEquals(200, api.get(path, viewer.token()).status());
        assertEquals(3, api.get(path + "/users", viewer.token()).body().size());
        assertEquals(403, api.send("PUT", path, body("Viewer edit", "UTC", weekdays9to17()), viewer.token()).status());
        assertEquals(403, api.post(path + "/users", List.of(Map.of("role_id", 3, "user_id", stranger.id())), viewer.token()).status());
        Api.Response viewerBooks = api.post(path + "/events", Map.of("date", "2027-03-01", "start", "10:00", "label", "x"), viewer.token());
        assertEquals(403, viewerBooks.status(), viewerBooks::toString);

        assertEquals(404, api.post(path + "/events", Map.of("date", "2027-03-01", "start", "10:00", "label", "x"), stranger.token()).status());

        Map<String, Object> managerEdit = body("Managed", "UTC", weekdays9to17());
        managerEdit.put("private", true);
        Api.Response edited = api.send("PUT", path, managerEdit, manager.token());
        assertEquals(200, edited.status(), edited::toString);
        assertEquals(owner.id(), edited.body().path("user_id").asLong(), "the owner stays the owner");

        assertField(api.post(path + "/users", List.of(Map.of("role_id", 4, "user_id", stranger.id())), owner.token()), "0.role_id");
        assertField(api.post(path + "/users", List.of(Map.of("role_id", 3, "user_id", 999999999)), owner.token()), "0.user_id");
        assertField(api.post(path + "/users", Map.of("role_id", 3), owner.token()), "body");

        Api.Response removed = api.send("DELETE", path + "/users", Map.of("user_id", viewer.id()), manager.token());
        assertEquals(200, removed.status(), removed::toString);
        assertEquals(2, removed.body().size());
        assertEquals(404, api.get(path, viewer.token()).status(), "a removed member no longer sees it");
        assertEquals(404, api.send("DELETE", path + "/users", Map.of("user_id", viewer.id()), owner.token()).status());
    }

    @Test
    void agentsAndAnonymousCallersAreKeptOut() {
        Users.SignedIn owner = Users.signUp("sched-keys");
        long id = create(api, owner.token(), body("Private?", "UTC", weekdays9to17()));
        assertEquals(401, api.get("/api/schedules/" + id).status());
        assertEquals(403, api.get("/api/schedules/" + id, Agents.register("sched-agent").apiKey()).status());
    }

    static void assertField(Api.Response response, String field) {
        assertEquals(422, response.status(), response::toString);
        assertTrue(response.body().path("errors").has(field), () -> "expected an error on " + field + ": " + response);
    }

    static List<Integer> statuses(List<Api.Response> responses) {
        List<Integer> list = new ArrayList<>();
        responses.forEach(r -> list.add(r.status()));
        return list;
    }

    static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }
}
