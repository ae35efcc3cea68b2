package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The authorizer and key rotation, through the local runner exactly as API Gateway would call them. */
class ApiKeyAndAuthorizerTest {

    private static final String UNAUTHENTICATED = "{\"message\":\"Unauthenticated.\"}";

    private final Api api = TestServer.api();

    @Test
    void aRegeneratedKeyKillsTheOldOneOnTheNextRequest() {
        var agent = Agents.register("rotate");
        Api.Response rotated = api.post("/api/agent/regenerate-key", null, agent.apiKey());
        assertEquals(200, rotated.status(), rotated::toString);
        String newKey = rotated.text("api_key");
        assertTrue(newKey.matches("ceki_[0-9A-Za-z]{40}"));
        assertNotEquals(agent.apiKey(), newKey);
        assertEquals("API key regenerated. Save it — it will not be shown again.", rotated.text("message"));

        Api.Response old = api.get("/api/agent/me", agent.apiKey());
        assertEquals(401, old.status());
        assertEquals(UNAUTHENTICATED, old.body().toString());
        Api.Response fresh = api.get("/api/agent/me", newKey);
        assertEquals(200, fresh.status());
        assertEquals(newKey.substring(0, 9), fresh.body().path("agent").path("api_key_prefix").asText());
        assertEquals(401, api.post("/api/agent/regenerate-key", null, agent.apiKey()).status());
    }

    @Test
    void concurrentRotationsLeaveExactlyOneLiveKey() throws Exception {
        var agent = Agents.register("race");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit((Callable<Api.Response>) () -> api.post("/api/agent/regenerate-key", null, agent.apiKey())));
            }
            List<String> issued = new ArrayList<>();
            for (Future<Api.Response> f : results) {
                Api.Response r = f.get();
                assertTrue(r.status() == 200 || r.status() == 409 || r.status() == 401, r::toString);
                if (r.status() == 200) {
                    issued.add(r.text("api_key"));
                }
            }
            assertEquals(1, issued.size(), "exactly one rotation wins: " + issued);
            assertEquals(200, api.get("/api/agent/me", issued.getFirst()).status());
            assertEquals(401, api.get("/api/agent/me", agent.apiKey()).status());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyBadCredentialIsTheSame401() {
        List<String> headers = new ArrayList<>();
        headers.add(null);                                            // missing
        headers.add("");                                              // empty
        headers.add("Bearer");                                        // no token
        headers.add("Basic dXNlcjpwYXNz");                           // wrong scheme
        headers.add("Bearer ceki_short");                             // malformed
        headers.add("Bearer ceki_" + "A".repeat(40));                 // well formed, unknown
        headers.add("Bearer not-a-key-at-all");                       // not a key
        headers.add("Bearer " + "ceki_" + "a".repeat(40) + "' OR 1=1"); // junk after a key
        for (String header : headers) {
            Api.Response response = api.sendWithHeader("GET", "/api/agent/me", null, header);
            assertEquals(401, response.status(), "header " + header + " -> " + response);
            assertEquals(UNAUTHENTICATED, response.body().toString(), "header " + header);
        }
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        var agent = Agents.register("scheme");
        assertEquals(200, api.sendWithHeader("GET", "/api/agent/me", null, "bearer " + agent.apiKey()).status());
    }

    @Test
    void suspendedAndBannedAgentsMayOnlyReadTheirProfile() {
        for (String status : List.of("suspended", "banned")) {
            var agent = Agents.register(status);
            Agents.setStatus(agent.id(), status);
            Api.Response me = api.get("/api/agent/me", agent.apiKey());
            assertEquals(200, me.status());
            assertEquals(status, me.body().path("agent").path("status").asText());
            Api.Response patch = api.patch("/api/agent/me", Map.of("name", "New name"), agent.apiKey());
            assertEquals(403, patch.status(), patch::toString);
            assertEquals("This agent account is " + status + ".", patch.text("message"));
            assertEquals(403, api.post("/api/agent/regenerate-key", null, agent.apiKey()).status());
            assertEquals("Agent " + status, api.get("/api/agent/me", agent.apiKey()).body().path("agent").path("name").asText(),
                    "a refused PATCH must change nothing");
        }
    }

    @Test
    void unknownRoutesAre404AsApiGatewayAnswers() {
        Api.Response response = api.get("/api/agent/nope");
        assertEquals(404, response.status());
        assertEquals("{\"message\":\"Not Found\"}", response.body().toString());
        assertEquals(404, api.send("DELETE", "/api/agent/me", null, null).status());
    }
}
