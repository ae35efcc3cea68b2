package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Eventually;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public directory. Every agent made here carries this run's unique tag, and every query filters on it, so
 * the assertions see exactly these agents whatever else the shared table holds.
 */
class AgentDirectoryTest {

    private static final String RUN = "dir-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Api api = TestServer.api();
    private static final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    static void createAgents() {
        create("Charlie", List.of("python", "code-review"), List.of("en"), "MIT", "Reviews pull requests", true);
        create("alpha", List.of("python"), List.of("en", "ru"), "Apache-2.0", "Schedules meetings", true);
        create("Bravo", List.of("go"), List.of("de"), "MIT", "Translates documents", true);
        create("Delta", List.of("python", "go"), List.of("en"), null, "Books consultations", true);
        create("Echo (pending)", List.of("python"), List.of("en"), "MIT", "Never activated", false);
    }

    @AfterAll
    static void resetClock() {
        Clocks.adjustable().reset();
    }

    private static void create(String name, List<String> skills, List<String> languages, String license,
                               String description, boolean active) {
        Map<String, Object> body = Agents.body(name, Agents.uniqueEmail("dir"));
        body.put("skills", skills);
        body.put("languages", languages);
        body.put("tags", List.of(RUN, "directory"));
        body.put("description", description);
        if (license != null) {
            body.put("license", license);
        }
        var agent = Agents.register(body);
        if (active) {
            Agents.activate(agent.id());
        }
        ids.put(name, agent.id());
        Clocks.adjustable().advance(Duration.ofSeconds(1)); // distinct created_at, for a deterministic order
    }

    private static List<String> names(Api.Response response) {
        assertEquals(200, response.status(), response::toString);
        List<String> names = new ArrayList<>();
        response.body().path("data").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }

    private static Api.Response list(String extraQuery) {
        return api.get("/api/agent/agents?tags[]=" + RUN + (extraQuery.isEmpty() ? "" : "&" + extraQuery));
    }

    @Test
    void listsOnlyActiveAgentsNewestFirstByDefault() {
        Api.Response response = list("");
        assertEquals(List.of("Delta", "Bravo", "alpha", "Charlie"), names(response));
        assertEquals(4, response.body().path("total").asInt());
        assertEquals(20, response.body().path("per_page").asInt());
        assertEquals(1, response.body().path("current_page").asInt());
        JsonNode first = response.body().path("data").get(0);
        assertEquals(ids.get("Delta"), first.path("id").asLong());
        assertEquals("Books consultations", first.path("description").asText());
        assertNotNull(first.get("created_at"));
        assertTrue(first.get("email") == null, "the directory must not expose emails");
    }

    @Test
    void sortsByNameCaseInsensitivelyInBothDirections() {
        assertEquals(List.of("alpha", "Bravo", "Charlie", "Delta"), names(list("sortBy=name")));
        assertEquals(List.of("Delta", "Charlie", "Bravo", "alpha"), names(list("sortBy=name&descending=true")));
        assertEquals(List.of("Charlie", "alpha", "Bravo", "Delta"), names(list("sortBy=created_at&descending=0")));
    }

    @Test
    void sortsByLastAccessAfterProfileViewsThroughMetering() {
        api.get("/api/agent/agents/" + ids.get("Bravo"));
        Clocks.adjustable().advance(Duration.ofSeconds(1));
        api.get("/api/agent/agents/" + ids.get("Charlie"));
        // The views travel through the metering queue; the order appears once both are processed.
        Eventually.await("both views recorded", Duration.ofSeconds(15), () ->
                names(list("sortBy=last_accessed_at&descending=true")).subList(0, 2).equals(List.of("Charlie", "Bravo")));
        assertEquals(List.of("Charlie", "Bravo"), names(list("sortBy=last_accessed_at&descending=true")).subList(0, 2),
                "viewed agents first, most recent first");
    }

    @Test
    void filtersBySkillsLanguagesLicenseAndQuery() {
        assertEquals(List.of("alpha", "Charlie", "Delta"), names(list("skills[]=python&sortBy=name")));
        assertEquals(List.of("alpha", "Charlie", "Delta"), names(list("skills[]=python&languages[]=en&sortBy=name&descending=false")));
        assertEquals(List.of("alpha"), names(list("skills[]=python&languages[]=ru")));
        assertEquals(List.of("Delta"), names(list("skills[]=python&skills[]=GO")), "all requested skills, any case");
        assertEquals(List.of("Bravo", "Charlie"), names(list("license=mit&sortBy=name")));
        assertEquals(List.of("Charlie"), names(list("query=pull%20REQUESTS")));
        assertEquals(List.of("alpha"), names(list("query=ru")), "query matches languages too");
        assertEquals(List.of("Bravo", "Delta"), names(list("tags[]=directory&skills[]=go&sortBy=name")));
    }

    @Test
    void pagesThroughTheResults() {
        Api.Response first = list("sortBy=name&perPage=3&page=1");
        assertEquals(List.of("alpha", "Bravo", "Charlie"), names(first));
        assertEquals(4, first.body().path("total").asInt());
        assertEquals(3, first.body().path("per_page").asInt());
        Api.Response last = list("sortBy=name&perPage=3&page=2");
        assertEquals(List.of("Delta"), names(last));
        assertEquals(2, last.body().path("current_page").asInt());
        Api.Response beyond = list("sortBy=name&perPage=3&page=3");
        assertEquals(List.of(), names(beyond));
        assertEquals(4, beyond.body().path("total").asInt());
    }

    @Test
    void anEmptyResultIsAnEmptyPage() {
        Api.Response none = list("skills[]=cobol");
        assertEquals(List.of(), names(none));
        assertEquals(0, none.body().path("total").asInt());
    }

    @Test
    void rejectsInvalidQueryParameters() {
        Api.Response response = api.get("/api/agent/agents?perPage=101&page=0&sortBy=email&descending=maybe&query="
                + "q".repeat(201) + "&languages[]=" + "l".repeat(11));
        assertEquals(422, response.status(), response::toString);
        JsonNode errors = response.body().path("errors");
        assertEquals("The perPage field must be between 1 and 100.", errors.path("perPage").get(0).asText());
        assertEquals("The page field must be between 1 and 1000000.", errors.path("page").get(0).asText());
        assertEquals("The selected sortBy is invalid.", errors.path("sortBy").get(0).asText());
        assertEquals("The descending field must be true or false.", errors.path("descending").get(0).asText());
        assertEquals("The query field must not be greater than 200 characters.", errors.path("query").get(0).asText());
        assertEquals("The languages.0 field must not be greater than 10 characters.", errors.path("languages.0").get(0).asText());
        assertEquals(422, api.get("/api/agent/agents?perPage=abc").status());
    }

    @Test
    void showsAnActiveAgentsPublicProfileAndHidesOthers() {
        Api.Response profile = api.get("/api/agent/agents/" + ids.get("Charlie"));
        assertEquals(200, profile.status(), profile::toString);
        JsonNode agent = profile.body().path("agent");
        assertEquals("Charlie", agent.path("name").asText());
        assertEquals("MIT", agent.path("license").asText());
        assertEquals(0, agent.path("schedules_count").asInt());
        assertTrue(agent.get("email") == null && agent.get("api_key_prefix") == null, agent::toString);
        assertEquals(0, profile.body().path("schedules").size());

        for (String path : List.of("/api/agent/agents/" + ids.get("Echo (pending)"), "/api/agent/agents/999999999",
                "/api/agent/agents/abc", "/api/agent/agents/-1", "/api/agent/agents/" + ids.get("Echo (pending)") + "/schedules")) {
            Api.Response missing = api.get(path);
            assertEquals(404, missing.status(), path + " -> " + missing);
        }
    }

    @Test
    void listsAnActiveAgentsPublicSchedules() {
        Api.Response response = api.get("/api/agent/agents/" + ids.get("alpha") + "/schedules");
        assertEquals(200, response.status(), response::toString);
        assertEquals(ids.get("alpha"), response.body().path("agent_id").asLong());
        JsonNode page = response.body().path("schedules");
        assertEquals(1, page.path("current_page").asInt());
        assertEquals(50, page.path("per_page").asInt());
        assertEquals(0, page.path("total").asInt());
        assertEquals(0, page.path("data").size());
    }
}
