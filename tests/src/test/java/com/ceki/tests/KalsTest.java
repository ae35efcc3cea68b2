package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** A person's calendars (kals): create, list and update them, link external calendars and other kals to them. */
class KalsTest {

    private final Api api = TestServer.api();

    @Test
    void createsListsAndUpdatesAKal() {
        String token = Users.signUp("kals").token();
        long file = Users.uploadImage(token);
        assertEquals(0, list(token).size(), "a new person has no kals");

        Map<String, Object> body = new HashMap<>(Map.of("label", "Work", "description", "Office hours", "private", true,
                "timezone", "Europe/Moscow", "files", List.of(file)));
        Api.Response created = api.post("/api/kals", body, token);
        assertEquals(201, created.status(), created::toString);
        JsonNode kal = created.body();
        long id = kal.path("id").asLong();
        assertTrue(id > 0);
        assertEquals("Work", kal.path("label").asText());
        assertEquals("Office hours", kal.path("description").asText());
        assertEquals("Europe/Moscow", kal.path("timezone").asText());
        assertEquals("work", kal.path("slug").asText(), "a slug is made from the label when none is sent");
        assertTrue(kal.path("private").isBoolean() && kal.path("private").asBoolean());
        assertEquals(List.of(file), ids(kal.path("files")));
        assertEquals("User", kal.path("owner_type").asText());
        assertTrue(kal.path("deleted_at").isNull() && kal.path("icon").isNull() && kal.path("settings").isNull());
        assertTrue(kal.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        assertEquals(0, kal.path("external").size());
        assertEquals(0, kal.path("links").size());

        Api.Response second = api.post("/api/kals", Map.of("label", "Home", "private", false, "slug", "my-home-2"), token);
        assertEquals(201, second.status(), second::toString);
        assertEquals("my-home-2", second.body().path("slug").asText());
        assertTrue(second.body().path("timezone").isNull());

        JsonNode listed = list(token);
        assertEquals(2, listed.size());
        assertEquals(kal, listed.get(0), "oldest first, in the same shape as created");
        assertEquals("Home", listed.get(1).path("label").asText());

        Map<String, Object> changes = new HashMap<>();
        changes.put("label", "Day job");
        changes.put("description", null);
        changes.put("files", List.of());
        Api.Response updated = api.send("PUT", "/api/kals/" + id, changes, token);
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("Day job", updated.body().path("label").asText());
        assertTrue(updated.body().path("description").isNull(), "null clears the description");
        assertEquals(0, updated.body().path("files").size());
        assertTrue(updated.body().path("private").asBoolean(), "not sent, so kept");
        assertEquals("Europe/Moscow", updated.body().path("timezone").asText(), "not sent, so kept");
        assertEquals("work", updated.body().path("slug").asText());
        assertEquals(kal.path("created_at"), updated.body().path("created_at"));
        assertEquals(updated.body(), list(token).get(0));

        assertEquals(200, api.send("PUT", "/api/kals/" + id, Map.of("label", "Day job", "private", false), token).status());
        assertFalse(list(token).get(0).path("private").asBoolean());
    }

    @Test
    void invalidInputIsA422NamingTheFieldAndWritesNothing() {
        String token = Users.signUp("kal-invalid").token();
        String other = Users.signUp("kal-invalid-other").token();
        long theirFile = Users.uploadImage(other);
        long kal = create(token, "Existing");
        JsonNode before = list(token);

        assertInvalid(api.post("/api/kals", Map.of("private", true), token), "label");
        assertInvalid(api.post("/api/kals", Map.of("label", "x".repeat(256), "private", true), token), "label");
        assertInvalid(api.post("/api/kals", Map.of("label", "No privacy"), token), "private");
        assertInvalid(api.post("/api/kals", Map.of("label", "Odd privacy", "private", "yes"), token), "private");
        assertInvalid(api.post("/api/kals", Map.of("label", "Mars", "private", true, "timezone", "Mars/Olympus_Mons"), token), "timezone");
        assertInvalid(api.post("/api/kals", Map.of("label", "Slug", "private", true, "slug", "Not A Slug"), token), "slug");
        assertInvalid(api.post("/api/kals", Map.of("label", "Slug", "private", true, "slug", "trailing-"), token), "slug");
        assertInvalid(api.post("/api/kals", Map.of("label", "Long", "private", true, "description", "d".repeat(5001)), token), "description");
        Api.Response stolen = api.post("/api/kals", Map.of("label", "Theirs", "private", true, "files", List.of(theirFile)), token);
        assertInvalid(stolen, "files.0");
        assertEquals("The selected files.0 is invalid.", stolen.body().path("errors").path("files.0").get(0).asText());
        assertInvalid(api.post("/api/kals", Map.of("label", "Files", "private", true, "files", List.of("one")), token), "files.0");
        assertInvalid(api.post("/api/kals", Map.of("label", "Files", "private", true, "files", "1"), token), "files");
        assertInvalid(api.post("/api/kals", "{\"label\": ", token), "body");

        assertInvalid(api.send("PUT", "/api/kals/" + kal, Map.of("description", "no label"), token), "label");
        assertInvalid(api.send("PUT", "/api/kals/" + kal, Map.of("label", "Tz", "timezone", "+03:00"), token), "timezone");
        assertInvalid(api.send("PUT", "/api/kals/" + kal, Map.of("label", "Priv", "private", "maybe"), token), "private");
        assertInvalid(api.send("PUT", "/api/kals/" + kal, Map.of("label", "Files", "files", List.of(theirFile)), token), "files.0");

        assertEquals(before, list(token), "no refused request wrote anything");
    }

    @Test
    void anotherPersonsKalDoesNotExistForYou() {
        String owner = Users.signUp("kal-owner").token();
        String stranger = Users.signUp("kal-stranger").token();
        long kal = create(owner, "Private matters");
        long strangersKal = create(stranger, "Mine");
        JsonNode before = list(owner);

        Api.Response put = api.send("PUT", "/api/kals/" + kal, Map.of("label", "Hijacked", "private", false), stranger);
        assertEquals(404, put.status(), put::toString);
        assertEquals("Kal not found.", put.text("message"));
        assertEquals(404, api.post("/api/kals/" + kal + "/external", external("cal-1", "Theirs"), stranger).status());
        assertEquals(404, api.post("/api/kals/" + kal + "/links", Map.of("id", strangersKal), stranger).status());
        assertEquals(404, api.send("PUT", "/api/kals/999999999", Map.of("label", "Nobody's"), owner).status());

        assertEquals(before, list(owner), "the owner's kal is unchanged");
        assertEquals(1, list(stranger).size());
        assertEquals(0, list(stranger).get(0).path("links").size());
    }

    @Test
    void linksOwnKalsOnly() {
        String token = Users.signUp("kal-links").token();
        String other = Users.signUp("kal-links-other").token();
        long work = create(token, "Work");
        long home = create(token, "Home");
        long theirs = create(other, "Theirs");

        Api.Response linked = api.post("/api/kals/" + work + "/links", Map.of("id", home, "from", true), token);
        assertEquals(200, linked.status(), linked::toString);
        assertEquals(work, linked.body().path("id").asLong());
        assertEquals(1, linked.body().path("links").size());
        assertEquals(home, linked.body().path("links").get(0).path("id").asLong());
        assertTrue(linked.body().path("links").get(0).path("from").asBoolean());

        Api.Response relinked = api.post("/api/kals/" + work + "/links", Map.of("id", home), token);
        assertEquals(200, relinked.status(), relinked::toString);
        assertEquals(1, relinked.body().path("links").size(), "linking again updates the link");
        assertFalse(relinked.body().path("links").get(0).path("from").asBoolean(), "from defaults to false");

        JsonNode before = list(token);
        Api.Response itself = api.post("/api/kals/" + work + "/links", Map.of("id", work), token);
        assertInvalid(itself, "id");
        Api.Response foreign = api.post("/api/kals/" + work + "/links", Map.of("id", theirs), token);
        assertInvalid(foreign, "id");
        assertEquals("The selected id is invalid.", foreign.body().path("errors").path("id").get(0).asText());
        assertInvalid(api.post("/api/kals/" + work + "/links", Map.of("id", 999999999), token), "id");
        assertInvalid(api.post("/api/kals/" + work + "/links", Map.of("from", true), token), "id");
        assertInvalid(api.post("/api/kals/" + work + "/links", Map.of("id", home, "from", "often"), token), "from");
        assertEquals(before, list(token));

        JsonNode listed = list(token);
        assertEquals(home, listed.get(0).path("links").get(0).path("id").asLong());
        assertEquals(0, listed.get(1).path("links").size(), "a link goes one way");
        assertEquals(0, list(other).get(0).path("links").size());
    }

    @Test
    void upsertsExternalCalendarsById() {
        String token = Users.signUp("kal-external").token();
        long kal = create(token, "Synced");

        Map<String, Object> google = external("team@group.calendar.google.com", "Team");
        google.put("description", "Shared");
        google.put("from", true);
        Api.Response linked = api.post("/api/kals/" + kal + "/external", google, token);
        assertEquals(200, linked.status(), linked::toString);
        JsonNode first = linked.body().path("external");
        assertEquals(1, first.size());
        assertEquals("team@group.calendar.google.com", first.get(0).path("id").asText());
        assertEquals("Team", first.get(0).path("summary").asText());
        assertEquals("Shared", first.get(0).path("description").asText());
        assertEquals("Europe/Berlin", first.get(0).path("timeZone").asText());
        assertTrue(first.get(0).path("from").asBoolean());

        Api.Response again = api.post("/api/kals/" + kal + "/external", external("team@group.calendar.google.com", "Team (renamed)"), token);
        assertEquals(200, again.status(), again::toString);
        assertEquals(1, again.body().path("external").size(), "the same id updates, not duplicates");
        assertEquals("Team (renamed)", again.body().path("external").get(0).path("summary").asText());
        assertFalse(again.body().path("external").get(0).path("from").asBoolean());

        assertEquals(200, api.post("/api/kals/" + kal + "/external", external("holidays", "Holidays"), token).status());
        JsonNode before = list(token);
        assertEquals(2, before.get(0).path("external").size());

        Map<String, Object> badZone = external("x", "X");
        badZone.put("timeZone", "Europe/Atlantis");
        assertInvalid(api.post("/api/kals/" + kal + "/external", badZone, token), "timeZone");
        assertInvalid(api.post("/api/kals/" + kal + "/external", Map.of("id", "y", "summary", "Y"), token), "timeZone");
        assertInvalid(api.post("/api/kals/" + kal + "/external", Map.of("summary", "Z", "timeZone", "UTC"), token), "id");
        assertInvalid(api.post("/api/kals/" + kal + "/external", external("z", "s".repeat(256)), token), "summary");
        assertEquals(before, list(token));
    }

    @Test
    void aKalLinksAtMostTwentyExternalCalendars() {
        String token = Users.signUp("kal-external-limit").token();
        long kal = create(token, "Busy");
        for (int i = 0; i < 20; i++) {
            assertEquals(200, api.post("/api/kals/" + kal + "/external", external("cal-" + i, "Calendar " + i), token).status());
        }
        assertInvalid(api.post("/api/kals/" + kal + "/external", external("cal-20", "One too many"), token), "id");
        assertEquals(200, api.post("/api/kals/" + kal + "/external", external("cal-3", "Still updatable"), token).status());
        assertEquals(20, list(token).get(0).path("external").size());
    }

    @Test
    void aPersonHasAtMostAHundredKals() {
        String token = Users.signUp("kal-limit").token();
        for (int i = 0; i < 100; i++) {
            create(token, "Kal " + i);
        }
        assertInvalid(api.post("/api/kals", Map.of("label", "One too many", "private", false), token), "label");
        JsonNode all = list(token);
        assertEquals(100, all.size());
        assertNotEquals(all.get(0).path("id"), all.get(99).path("id"));
        assertEquals("Kal 0", all.get(0).path("label").asText());
        assertEquals("Kal 99", all.get(99).path("label").asText());
    }

    @Test
    void kalsAreForPeopleSignedIn() {
        var agent = Agents.register("kal-agent");
        assertEquals(403, api.get("/api/kals", agent.apiKey()).status());
        assertEquals(403, api.post("/api/kals", Map.of("label", "Agent's", "private", true), agent.apiKey()).status());
        assertEquals(401, api.get("/api/kals").status());
        assertEquals(401, api.post("/api/kals", Map.of("label", "Anyone's", "private", true)).status());
        assertEquals(401, api.send("PUT", "/api/kals/1", Map.of("label", "Anyone's"), null).status());
    }

    private JsonNode list(String token) {
        Api.Response response = api.get("/api/kals", token);
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.body().isArray(), response::toString);
        return response.body();
    }

    private long create(String token, String label) {
        Api.Response created = api.post("/api/kals", Map.of("label", label, "private", false), token);
        assertEquals(201, created.status(), created::toString);
        return created.body().path("id").asLong();
    }

    private static Map<String, Object> external(String id, String summary) {
        return new HashMap<>(Map.of("id", id, "summary", summary, "timeZone", "Europe/Berlin"));
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertEquals(422, response.status(), response::toString);
        assertTrue(response.body().path("errors").has(field), () -> "expected an error on " + field + ": " + response);
    }

    private static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asLong).toList();
    }
}
