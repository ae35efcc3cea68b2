package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.LedgerEntry;
import com.ceki.billing.WalletRepository;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.McpInspector;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /mcp}, the MCP server: driven by the real MCP Inspector CLI as an agent developer would (listing the
 * tools, a free call, a billed one that is charged, one the balance refuses, one without a key), and over plain HTTP
 * for the protocol's edges (GET, notifications, JSON-RPC errors, version negotiation, 2026-07-28's discovery).
 */
class McpTest {

    private static final List<String> TOOLS = List.of("search_directory", "register_agent", "verify_email", "get_account",
            "get_wallet", "list_transactions", "get_usage", "list_schedules", "create_schedule", "search_specialists",
            "view_person");
    private static final String MODERN_META = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"McpTest\",\"version\":\"1\"},"
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final Api api = TestServer.api();
    private final McpInspector inspector = McpInspector.local();

    @BeforeEach
    void clock() {
        Clocks.adjustable().reset();
    }

    // ------------------------------------------------------------------ through the MCP Inspector

    @Test
    void theInspectorListsEveryToolWithPortableSchemas() {
        // --strict: any schema the Inspector finds unportable (an error, not a warning) fails the run with exit 6.
        McpInspector.Run run = inspector.listTools("--strict");
        assertEquals(McpInspector.OK, run.exit(), run::toString);
        List<String> names = new ArrayList<>();
        for (JsonNode tool : run.result().path("tools")) {
            String name = tool.path("name").asText();
            names.add(name);
            assertEquals("object", tool.path("inputSchema").path("type").asText(), name);
            assertEquals(2, tool.path("outputSchema").path("anyOf").size(), name + ": its success body or the error shape");
            assertFalse(tool.path("description").asText().isBlank(), name);
        }
        assertEquals(TOOLS, names);
        JsonNode search = tool(run.result(), "search_specialists");
        assertTrue(search.path("description").asText().contains("$0.50 per call"), search::toString);
        assertTrue(tool(run.result(), "get_wallet").path("annotations").path("readOnlyHint").asBoolean());
    }

    @Test
    void aFreeCallRunsAsTheKeysAgent() {
        var agent = Agents.register("mcp-free");
        McpInspector.Run run = inspector.withKey(agent.apiKey()).callTool("get_wallet");
        assertEquals(McpInspector.OK, run.exit(), run::toString);
        JsonNode wallets = run.result().path("structuredContent");
        Api.Response rest = api.get("/api/agent/wallet", agent.apiKey());
        assertEquals(rest.body(), wallets, "the same answer as the REST route's");
        assertFalse(run.result().path("isError").asBoolean());
        assertEquals(Json.stored(run.result().path("content").get(0).path("text").asText()), wallets,
                "the text is the structured content as JSON");
    }

    @Test
    void aBilledCallIsChargedOnce() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("mcp-billed");
        Funding.deposit(agent.id(), Currency.USDT, "5.00");
        String tok = ScheduleSearchTest.token();
        var owner = Users.signUp("mcp-specialist", "Mira " + tok);
        long schedule = ScheduleSearchTest.store(owner.id(), tok + " lessons", s -> { });
        ScheduleSearchTest.awaitFunctionsRefresh();

        McpInspector.Run run = inspector.withKey(agent.apiKey()).callTool("search_specialists", "query=" + tok);
        assertEquals(McpInspector.OK, run.exit(), run::toString);
        JsonNode page = run.result().path("structuredContent");
        assertEquals(1, page.path("total").asInt(), page::toString);
        assertEquals(schedule, page.path("data").get(0).path("id").asLong());
        assertEquals("Mira " + tok, page.path("data").get(0).path("user").path("name").asText());

        assertEquals(new BigDecimal("4.50"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        LedgerEntry charge = Funding.entries(agent.id()).getFirst();
        assertEquals(LedgerEntry.Type.CHARGE, charge.type());
        assertEquals(new BigDecimal("-0.50"), charge.amount().setScale(2));
        assertEquals("api_search", charge.description());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aCallTheBalanceDoesNotCoverIsAToolErrorWithThe402BodyAndItsX402Requirements() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("mcp-poor");
        Funding.deposit(agent.id(), Currency.USDT, "0.20");
        McpInspector.Run run = inspector.withKey(agent.apiKey()).callTool("search_specialists", "query=anything");
        assertEquals(McpInspector.TOOL_ERROR, run.exit(), run::toString);
        assertTrue(run.result().path("isError").asBoolean(), run::toString);
        ObjectNode refused = (ObjectNode) run.result().path("structuredContent").deepCopy();
        JsonNode requirements = refused.remove("payment_required");
        assertEquals(Json.stored("{\"message\":\"Insufficient wallet balance.\",\"required\":\"0.50\",\"currency\":\"USDT\","
                + "\"balance\":\"0.20\",\"status\":402}"), refused);
        // The same requirements as the REST route's PAYMENT-REQUIRED header: the agent's own USDC address, the price.
        assertEquals(2, requirements.path("x402Version").asInt(), run::toString);
        JsonNode accepted = requirements.path("accepts").get(0);
        assertEquals("500000", accepted.path("amount").asText());
        assertEquals(new WalletRepository(TestServer.table()).find(agent.id(), Currency.USDC).orElseThrow().depositAddress(),
                accepted.path("payTo").asText());
        assertEquals(new BigDecimal("0.20"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        assertEquals(1, Funding.entries(agent.id()).size(), "only the deposit");
    }

    @Test
    void aCallWithoutAKeyIsA401ToolError() {
        McpInspector.Run run = inspector.callTool("get_wallet");
        assertEquals(McpInspector.TOOL_ERROR, run.exit(), run::toString);
        assertEquals(Json.stored("{\"message\":\"Unauthenticated.\",\"status\":401}"), run.result().path("structuredContent"));
    }

    @Test
    void theInspectorSpeaks20260728Too() {
        McpInspector.Run run = inspector.with("--protocol-era", "modern").callTool("search_directory", "query=nobody-at-all");
        assertEquals(McpInspector.OK, run.exit(), run::toString);
        assertEquals("ceki", run.result().path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText(),
                run::toString);
        assertEquals(0, run.result().path("structuredContent").path("total").asInt(), run::toString);
    }

    // ------------------------------------------------------------------ tools over plain HTTP

    @Test
    void aPathParameterComesFromTheArguments() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("mcp-view");
        var person = Users.signUp("mcp-person");
        JsonNode result = call("view_person", Json.object().put("id", person.id()), agent.apiKey(), Map.of());
        assertEquals(person.id(), result.path("structuredContent").path("user").path("id").asLong(), result::toString);
        JsonNode missing = call("view_person", Json.object(), agent.apiKey(), Map.of());
        assertTrue(missing.path("isError").asBoolean());
        assertEquals(422, missing.path("structuredContent").path("status").asInt());
        assertTrue(missing.path("structuredContent").path("errors").has("id"), missing::toString);
        JsonNode nobody = call("view_person", Json.object().put("id", "../../me"), agent.apiKey(), Map.of());
        assertEquals(404, nobody.path("structuredContent").path("status").asInt(), nobody::toString);
    }

    @Test
    void anIdempotencyKeyOnThePostMakesARetryFree() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("mcp-retry");
        Funding.deposit(agent.id(), Currency.USDT, "5.00");
        Map<String, String> key = Map.of("Idempotency-Key", "mcp-retry-" + agent.id());
        ObjectNode arguments = Json.object().put("query", ScheduleSearchTest.token());
        JsonNode first = call("search_specialists", arguments, agent.apiKey(), key);
        JsonNode again = call("search_specialists", arguments, agent.apiKey(), key);
        assertFalse(first.path("isError").asBoolean(), first::toString);
        assertEquals(first.path("structuredContent"), again.path("structuredContent"));
        assertEquals(new BigDecimal("4.50"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2), "charged once");
    }

    @Test
    void invalidArgumentsAre422ToolErrorsNamingTheField() {
        var agent = Agents.register("mcp-invalid");
        JsonNode usage = call("get_usage", Json.object().put("period", "last month"), agent.apiKey(), Map.of());
        assertTrue(usage.path("isError").asBoolean(), usage::toString);
        assertEquals(422, usage.path("structuredContent").path("status").asInt());
        assertTrue(usage.path("structuredContent").path("errors").has("period"), usage::toString);
    }

    // ------------------------------------------------------------------ the protocol over plain HTTP

    @Test
    void getIs405AllowingPost() {
        Api.Response response = api.get("/mcp");
        assertEquals(405, response.status(), response::toString);
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aNotificationIsAcceptedWithNoBody() {
        Api.Response response = api.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertEquals(202, response.status(), response::toString);
        assertEquals(Json.object(), response.body(), "no body");
    }

    @Test
    void anUnknownMethodIsMethodNotFound() {
        Api.Response legacy = api.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}");
        assertEquals(200, legacy.status(), legacy::toString);
        assertEquals(-32601, legacy.body().path("error").path("code").asInt(), legacy::toString);
        Api.Response modern = api.send("POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\","
                + "\"params\":{\"_meta\":" + MODERN_META + "}}", null, modernHeaders("resources/list"));
        assertEquals(404, modern.status(), modern::toString);
        assertEquals(-32601, modern.body().path("error").path("code").asInt(), modern::toString);
    }

    @Test
    void malformedJsonIsAParseError() {
        Api.Response response = api.post("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        assertEquals(200, response.status(), response::toString);
        assertEquals(-32700, response.body().path("error").path("code").asInt(), response::toString);
        assertFalse(response.body().has("id"), response::toString);
    }

    @Test
    void serverDiscoverAnswersWhatTheServerSpeaks() {
        Api.Response response = api.send("POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":\"discover-1\",\"method\":\"server/discover\","
                + "\"params\":{\"_meta\":" + MODERN_META + "}}", null, modernHeaders("server/discover"));
        assertEquals(200, response.status(), response::toString);
        JsonNode result = response.body().path("result");
        assertEquals("discover-1", response.body().path("id").asText());
        assertEquals("complete", result.path("resultType").asText());
        assertEquals(Json.stored("[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\"]"), result.path("supportedVersions"));
        assertTrue(result.path("capabilities").has("tools"), result::toString);
        assertEquals("ceki", result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText());
        assertEquals("public", result.path("cacheScope").asText());
        assertTrue(result.path("instructions").asText().contains("Authorization: Bearer"));
    }

    @Test
    void initializeNegotiatesTheVersion() {
        Map<String, String> answered = Map.of("2025-06-18", "2025-06-18", "2025-11-25", "2025-11-25",
                "2024-11-05", "2025-11-25", "2026-07-28", "2025-11-25");
        answered.forEach((asked, expected) -> {
            Api.Response response = api.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"" + asked + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertEquals(200, response.status(), response::toString);
            JsonNode result = response.body().path("result");
            assertEquals(expected, result.path("protocolVersion").asText(), asked);
            assertEquals(Json.stored("{\"tools\":{\"listChanged\":false}}"), result.path("capabilities"));
            assertNotNull(result.path("serverInfo").path("version").textValue());
        });
        Api.Response unsupported = api.send("POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", null,
                Map.of("MCP-Protocol-Version", "1999-01-01"));
        assertEquals(400, unsupported.status(), unsupported::toString);
        assertEquals(-32022, unsupported.body().path("error").path("code").asInt(), unsupported::toString);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode call(String tool, ObjectNode arguments, String apiKey, Map<String, String> headers) {
        ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call");
        request.putObject("params").put("name", tool).set("arguments", arguments);
        Api.Response response = api.send("POST", "/mcp", Json.write(request), apiKey == null ? null : "Bearer " + apiKey,
                headers);
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.body().has("result"), response::toString);
        return response.body().path("result");
    }

    private static Map<String, String> modernHeaders(String method) {
        return Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", method);
    }

    private static JsonNode tool(JsonNode list, String name) {
        for (JsonNode tool : list.path("tools")) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + list);
    }
}
