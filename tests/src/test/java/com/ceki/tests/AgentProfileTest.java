package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET}/{@code PATCH /api/agent/me}: partial updates, clearing, validation without side effects. */
class AgentProfileTest {

    private final Api api = TestServer.api();

    @Test
    void patchChangesOnlyWhatIsSent() {
        Map<String, Object> body = Agents.body("Reviewer", Agents.uniqueEmail("patch"));
        body.put("description", "Reviews pull requests");
        body.put("sla", "Response within 5 minutes");
        var agent = Agents.register(body);

        Map<String, Object> patch = new HashMap<>();
        patch.put("description", "Updated description");
        patch.put("skills", List.of("code-review", "go"));
        patch.put("input_formats", List.of(Map.of("name", "pull_request_url", "type", "string",
                "description", "GitHub PR URL", "required", true)));
        patch.put("example_requests", List.of(Map.of("title", "Review a PR", "body", "{\"url\": \"https://x\"}")));
        Api.Response response = api.patch("/api/agent/me", patch, agent.apiKey());
        assertEquals(200, response.status(), response::toString);
        JsonNode updated = response.body().path("agent");
        assertEquals("Reviewer", updated.path("name").asText());
        assertEquals("Updated description", updated.path("description").asText());
        assertEquals("Response within 5 minutes", updated.path("sla").asText());
        assertEquals("go", updated.path("skills").get(1).asText());
        assertEquals("pull_request_url", updated.path("input_formats").get(0).path("name").asText());
        assertTrue(updated.path("input_formats").get(0).path("required").asBoolean());

        JsonNode reread = api.get("/api/agent/me", agent.apiKey()).body().path("agent");
        assertEquals(updated, reread, "GET must show what PATCH stored");
        assertTrue(reread.path("updated_at").asText().compareTo(reread.path("created_at").asText()) >= 0);
    }

    @Test
    void nullClearsAnOptionalField() {
        Map<String, Object> body = Agents.body("Clearer", Agents.uniqueEmail("clear"));
        body.put("license", "MIT");
        body.put("tags", List.of("a"));
        var agent = Agents.register(body);
        Map<String, Object> patch = new HashMap<>();
        patch.put("license", null);
        patch.put("tags", null);
        JsonNode updated = api.patch("/api/agent/me", patch, agent.apiKey()).body().path("agent");
        assertTrue(updated.path("license").isNull(), updated::toString);
        assertEquals(0, updated.path("tags").size());
    }

    @Test
    void anEmptyPatchChangesNothing() {
        var agent = Agents.register("empty");
        JsonNode before = api.get("/api/agent/me", agent.apiKey()).body();
        Api.Response response = api.patch("/api/agent/me", Map.of(), agent.apiKey());
        assertEquals(200, response.status());
        assertEquals(before, response.body());
    }

    static Stream<Arguments> invalidPatches() {
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        return Stream.of(
                Arguments.of(nullName, "name", "The name field is required."),
                Arguments.of(Map.of("name", "n".repeat(256)), "name", "The name field must not be greater than 255 characters."),
                Arguments.of(Map.of("website_url", "nope"), "website_url", "The website url field must be a valid URL."),
                Arguments.of(Map.of("languages", List.of("en", "toolonglang")), "languages.1",
                        "The languages.1 field must not be greater than 10 characters."),
                Arguments.of(Map.of("tags", Collections.nCopies(51, "t")), "tags", "The tags field must not have more than 50 items."),
                Arguments.of(Map.of("last_updated_at", "2026-13-45"), "last_updated_at", "The last updated at field must be a valid date."),
                Arguments.of(Map.of("example_responses", List.of(Map.of("title", "only a title"))), "example_responses.0.body",
                        "The example responses.0.body field is required."),
                Arguments.of(Map.of("input_formats", List.of(Map.of("name", "x", "required", "maybe"))), "input_formats.0.required",
                        "The input formats.0.required field must be true or false."),
                Arguments.of(Map.of("owner_email", 5), "owner_email", "The owner email field must be a string."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidPatches")
    void anInvalidPatchIsA422AndWritesNothing(Map<String, Object> patch, String field, String message) {
        Map<String, Object> valid = new HashMap<>(patch);
        valid.put("description", "must not be written either");
        var agent = Agents.register("badpatch");
        JsonNode before = api.get("/api/agent/me", agent.apiKey()).body();
        Api.Response response = api.patch("/api/agent/me", valid, agent.apiKey());
        assertEquals(422, response.status(), response::toString);
        assertEquals(message, response.body().path("errors").path(field).get(0).asText(), response::toString);
        assertEquals(before, api.get("/api/agent/me", agent.apiKey()).body());
    }

    @Test
    void malformedPatchBodiesAre422() {
        var agent = Agents.register("malformed");
        for (String raw : List.of("{", "[]", "42")) {
            Api.Response response = api.patch("/api/agent/me", raw, agent.apiKey());
            assertEquals(422, response.status(), raw + " -> " + response);
            assertEquals("body", response.body().path("errors").fieldNames().next());
        }
    }

    @Test
    void theEmailCannotBeChangedByPatch() {
        var agent = Agents.register("email");
        api.patch("/api/agent/me", Map.of("email", "other@example.com"), agent.apiKey());
        assertEquals(agent.email(), api.get("/api/agent/me", agent.apiKey()).body().path("agent").path("email").asText());
    }
}
