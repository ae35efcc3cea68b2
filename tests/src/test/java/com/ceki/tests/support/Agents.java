package com.ceki.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ceki.agents.AgentRepository;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Test fixtures for agents, created through the public API like a client would. */
public final class Agents {

    /** A registered agent: its id, its (only) API key and its email. */
    public record Registered(long id, String apiKey, String email, Api.Response response) {}

    private Agents() {}

    public static String uniqueEmail(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static Map<String, Object> body(String name, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("email", email);
        return body;
    }

    public static Registered register(Map<String, Object> body) {
        Api.Response response = TestServer.api().post("/api/agent/register", body);
        assertEquals(201, response.status(), () -> "registration failed: " + response);
        return new Registered(response.body().path("agent_id").asLong(), response.text("api_key"),
                (String) body.get("email"), response);
    }

    public static Registered register(String label) {
        return register(body("Agent " + label, uniqueEmail(label)));
    }

    /** Makes an agent active the way the deposit scanner does once its deposits reach the activation amount. */
    public static void activate(long agentId) {
        if (!new AgentRepository(TestServer.table()).activate(agentId, Instant.now())) {
            throw new AssertionError("agent " + agentId + " was not pending");
        }
    }

    /** Sets an agent's status directly (operators suspend or ban; there is no API for it). */
    public static void setStatus(long agentId, String status) {
        TestServer.dynamo().updateItem(u -> u.tableName(TestServer.table().name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", Item.attr(status))));
    }
}
