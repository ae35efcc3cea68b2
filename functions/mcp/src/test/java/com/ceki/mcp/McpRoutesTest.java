package com.ceki.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.ceki.core.money.Prices;
import com.ceki.core.json.Json;
import com.ceki.http.ApiRequest;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@code POST /mcp} without the tools' functions: what each message is answered, per revision. The
 * tools' calls run against the emulators in the integration tests (McpTest).
 */
class McpRoutesTest {

    static final String MODERN_META = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"},"
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final Router router = new McpRoutes(new Prices(
            Map.of(Prices.API_SEARCH, new BigDecimal("0.50"), Prices.API_USER_VIEW, new BigDecimal("0.10"),
                    Prices.SCHEDULE_CREATE, new BigDecimal("1.00")),
            Map.of(Prices.API_USER_VIEW, 100))).router();

    private record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return Json.stored(body);
        }
    }

    private Answer post(String body, Map<String, String> headers) {
        return send("POST /mcp", body, headers);
    }

    private Answer post(String body) {
        return post(body, Map.of());
    }

    private Answer send(String routeKey, String body, Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath("/mcp")
                .withHeaders(lower).withBody(body).build();
        APIGatewayV2HTTPResponse response = router.dispatch(new ApiRequest(event)).toEvent();
        return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    private static Map<String, String> modernHeaders(String method) {
        return Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", method);
    }

    @Test
    void initializeAnswersTheClientsVersionWhenSpokenElseTheNewestLegacyOne() {
        for (var asked : Map.of("2025-11-25", "2025-11-25", "2025-06-18", "2025-06-18", "2025-03-26", "2025-03-26",
                "2024-11-05", "2025-11-25", "2026-07-28", "2025-11-25", "9999-01-01", "2025-11-25").entrySet()) {
            Answer answer = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                    + asked.getKey() + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertEquals(200, answer.status());
            JsonNode result = answer.json().path("result");
            assertEquals(asked.getValue(), result.path("protocolVersion").asText(), asked.getKey());
            assertEquals("{\"tools\":{\"listChanged\":false}}", result.path("capabilities").toString());
            assertEquals("ceki", result.path("serverInfo").path("name").asText());
            assertTrue(result.path("instructions").asText().contains("Authorization: Bearer"));
        }
    }

    @Test
    void notificationsAndResponsesAreAcceptedWithNoBody() {
        for (String message : List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-1,\"message\":\"no\"}}")) {
            Answer answer = post(message);
            assertEquals(202, answer.status(), message);
            assertEquals("", answer.body(), message);
        }
    }

    @Test
    void malformedMessagesAreJsonRpcErrorsWithoutAnId() {
        Map<String, Integer> codes = Map.of("{\"jsonrpc\":", -32700, "", -32700, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600,
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", -32600, "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", -32600, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":1}", -32600, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}", -32602);
        codes.forEach((body, code) -> {
            Answer answer = post(body);
            assertEquals(200, answer.status(), body);
            assertEquals(code, answer.json().path("error").path("code").asInt(), body);
            assertEquals("2.0", answer.json().path("jsonrpc").asText(), body);
        });
        assertFalse(post("{\"jsonrpc\":").json().has("id"), "MCP's schema has no null id: it is left out");
        assertEquals(7, post("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}").json().path("id").asInt(), "a readable id is kept");
        assertEquals(400, post("{\"jsonrpc\":", Map.of("MCP-Protocol-Version", "2026-07-28")).status(),
                "a 2026-07-28 client is told with a 400");
    }

    @Test
    void anUnknownMethodIsA200ErrorBeforeAndA404Since20260728() {
        Answer legacy = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/list\"}", Map.of("MCP-Protocol-Version", "2025-11-25"));
        assertEquals(200, legacy.status());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,\"message\":\"Method not found: prompts/list.\"}}",
                legacy.body());
        Answer modern = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/list\",\"params\":{\"_meta\":" + MODERN_META + "}}",
                modernHeaders("prompts/list"));
        assertEquals(404, modern.status());
        assertEquals(-32601, modern.json().path("error").path("code").asInt());
    }

    @Test
    void pingIsAnsweredUntil20260728WhichRemovedIt() {
        Answer legacy = post("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{}}", legacy.body());
        Answer modern = post("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\",\"params\":{\"_meta\":" + MODERN_META + "}}",
                modernHeaders("ping"));
        assertEquals(404, modern.status());
    }

    @Test
    void serverDiscoverListsTheVersionsCapabilitiesAndIdentity() {
        Answer answer = post("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{\"_meta\":"
                + MODERN_META + "}}", modernHeaders("server/discover"));
        assertEquals(200, answer.status(), answer.body());
        JsonNode result = answer.json().path("result");
        assertEquals("complete", result.path("resultType").asText());
        assertEquals("[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\"]", result.path("supportedVersions").toString());
        assertTrue(result.path("capabilities").has("tools"));
        assertEquals("ceki", result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText());
        assertTrue(result.path("ttlMs").asLong() > 0);
        assertEquals("public", result.path("cacheScope").asText());
        assertFalse(result.path("instructions").asText().isEmpty());
    }

    @Test
    void a20260728RequestMustStateItsVersionAndMethodInHeadersThatMatchTheBody() {
        String discover = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":" + MODERN_META + "}}";
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("MCP-Protocol-Version", "2025-11-25"),
                Map.of("MCP-Protocol-Version", "2026-07-28"), Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list"))) {
            Answer answer = post(discover, headers);
            assertEquals(400, answer.status(), headers.toString());
            assertEquals(-32020, answer.json().path("error").path("code").asInt(), headers.toString());
            assertEquals(1, answer.json().path("id").asInt());
        }
        String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_wallet\",\"_meta\":" + MODERN_META + "}}";
        assertEquals(-32020, post(call, modernHeaders("tools/call")).json().path("error").path("code").asInt(), "no Mcp-Name");
        Map<String, String> named = new HashMap<>(modernHeaders("tools/call"));
        named.put("Mcp-Name", "get_usage");
        assertEquals(-32020, post(call, named).json().path("error").path("code").asInt(), "another tool's name");
        assertEquals(-32020, post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", modernHeaders("tools/list"))
                .json().path("error").path("code").asInt(), "a 2026-07-28 header without the body's _meta");
    }

    @Test
    void anUnsupportedVersionIsA400ListingTheSupportedOnes() {
        String meta = MODERN_META.replace("2026-07-28", "1900-01-01");
        Answer stated = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":" + meta + "}}",
                Map.of("MCP-Protocol-Version", "1900-01-01", "Mcp-Method", "tools/list"));
        Answer header = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", Map.of("MCP-Protocol-Version", "1900-01-01"));
        for (Answer answer : List.of(stated, header)) {
            assertEquals(400, answer.status());
            JsonNode error = answer.json().path("error");
            assertEquals(-32022, error.path("code").asInt());
            assertEquals("1900-01-01", error.path("data").path("requested").asText());
            assertEquals("[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\"]", error.path("data").path("supported").toString());
        }
    }

    @Test
    void aCallOfNoToolOrWithoutObjectArgumentsIsInvalidParams() {
        for (String params : List.of("{\"name\":\"no_such_tool\"}", "{}", "{\"name\":5}",
                "{\"name\":\"get_wallet\",\"arguments\":[1]}", "{\"name\":\"get_wallet\",\"arguments\":\"x\"}")) {
            Answer answer = post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":" + params + "}");
            assertEquals(200, answer.status(), params);
            assertEquals(-32602, answer.json().path("error").path("code").asInt(), params);
        }
        assertEquals("Unknown tool: no_such_tool. tools/list names them.",
                post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}")
                        .json().path("error").path("message").asText());
    }

    @Test
    void getIsNotServed() {
        Answer answer = send("GET /mcp", null, Map.of());
        assertEquals(405, answer.status());
        assertEquals("POST", answer.headers().get("Allow"));
        assertTrue(answer.json().path("message").isTextual());
    }
}
