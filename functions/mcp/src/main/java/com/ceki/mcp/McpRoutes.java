package com.ceki.mcp;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.ceki.apispec.ApiDocument;
import com.ceki.aws.Priming;
import com.ceki.core.money.Prices;
import com.ceki.core.auth.Principal;
import com.ceki.core.json.Json;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code POST /mcp}: a stateless MCP server over Streamable HTTP, JSON responses only, no sessions. It speaks the
 * legacy revisions up to 2025-11-25 ({@code initialize}, {@code ping}, {@code tools/list}, {@code tools/call}) and
 * 2026-07-28 ({@code server/discover} and the per-request {@code _meta} version), chosen per request. The tools are
 * the agent API's own routes ({@link Tool}), run in-process ({@link ToolCalls}).
 *
 * <p>Which HTTP status a JSON-RPC error travels in: 2026-07-28 wants 400 for version and header errors and 404 for an
 * unknown method; the earlier revisions set none, so their errors answer 200, as JSON-RPC over HTTP usually does.
 */
public final class McpRoutes {

    static final String SERVER_NAME = "ceki";
    static final String SERVER_VERSION = "1.0.0";
    /** How long a client may keep the tool list and the discovery answer: they change only with a deployment. */
    static final long CACHE_TTL_MILLIS = 3_600_000;

    static final String INSTRUCTIONS = """
            ceki lets AI agents find and book human specialists and pay per call. Send your API key on every request \
            to this server as the HTTP header `Authorization: Bearer <key>`. Without a key you can search the agent \
            directory (search_directory) and register (register_agent): registration returns the API key once (keep \
            it) and a deposit address, and emails a 6-digit code to confirm with verify_email. Fund the wallet by \
            sending BTC, ETH, USDT or USDC to the deposit address (get_wallet lists addresses and balances); the \
            account becomes active once confirmed deposits reach the activation amount the registration showed. \
            Billed tools (search_specialists, view_person, create_schedule) say their price; a call the balance does \
            not cover is refused with status 402 and charges nothing. A refused call is a tool error whose \
            structuredContent is the REST API's error body with its HTTP status (401 no or bad key, 403 not allowed \
            yet, 404, 422 with the invalid fields under errors, 429 with retry_after). The same API over REST is \
            described at /api/openapi.json.""";

    private final Prices prices;
    private final ToolCalls calls;
    private ArrayNode tools;

    @Inject
    public McpRoutes(Prices prices) {
        this.prices = prices;
        Targets targets = new Targets();
        this.calls = new ToolCalls(targets);
        // Before a snapshot: the handshake and the catalogue (both pure), and every tool's function built and primed.
        Priming.register("MCP initialize, tools/list and the tools' functions", () -> {
            post(primingCall("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                    + ProtocolVersions.MODERN + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"priming\",\"version\":\"1\"}}}"), null);
            post(primingCall("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{\""
                    + ProtocolVersions.META_KEY + "\":\"" + ProtocolVersions.MODERN + "\"}}}"), null);
            targets.prime();
        });
    }

    private static ApiRequest primingCall(String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /mcp");
        event.setRawPath("/mcp");
        event.setHeaders(Map.of("content-type", "application/json", ProtocolVersions.HEADER.toLowerCase(Locale.ROOT), ProtocolVersions.MODERN));
        event.setBody(body);
        return new ApiRequest(event);
    }

    public Router router() {
        return new Router()
                .route("POST /mcp", Access.PUBLIC, this::post)
                // No server-to-client stream: 2025-11-25 lets a server answer the GET with 405, 2026-07-28 requires it.
                .route("GET /mcp", Access.PUBLIC, (request, caller) -> ApiResponse.message(405,
                        "This MCP server sends no stream: POST JSON-RPC messages to /mcp.").withHeader("Allow", "POST"));
    }

    ApiResponse post(ApiRequest request, Principal caller) {
        return switch (JsonRpc.read(request.rawBody())) {
            // Nothing to answer: there are no sessions to initialize or requests of ours to cancel.
            case JsonRpc.Notification notification -> accepted();
            case JsonRpc.ClientResponse response -> accepted();
            case JsonRpc.Invalid invalid -> json(saysModern(request) ? 400 : 200,
                    JsonRpc.error(invalid.id(), invalid.code(), invalid.message(), null));
            case JsonRpc.Request call -> answer(call, request, caller);
        };
    }

    private ApiResponse answer(JsonRpc.Request call, ApiRequest http, Principal caller) {
        if (call.method().equals("initialize")) {
            return json(200, JsonRpc.result(call.id(), initialize(call.params())));
        }
        String stated = stringAt(call.params().path("_meta").path(ProtocolVersions.META_KEY));
        String header = http.header(ProtocolVersions.HEADER).orElse(null);
        if (stated != null && !stated.equals(header)) {
            return refuse(400, call, JsonRpc.HEADER_MISMATCH, "Header mismatch: the " + ProtocolVersions.HEADER
                    + " header must be sent and equal _meta's " + ProtocolVersions.META_KEY + ".", null);
        }
        String version = stated != null ? stated : header != null ? header : ProtocolVersions.UNSTATED;
        if (!ProtocolVersions.SUPPORTED.contains(version)) {
            ObjectNode data = Json.object();
            data.set("supported", Json.strings(ProtocolVersions.SUPPORTED));
            data.put("requested", version);
            return refuse(400, call, JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version", data);
        }
        boolean modern = version.equals(ProtocolVersions.MODERN);
        if (modern) {
            Optional<String> mismatch = stated == null
                    ? Optional.of("a " + ProtocolVersions.MODERN + " request states its version in params._meta too")
                    : standardHeaderMismatch(call, http);
            if (mismatch.isPresent()) {
                return refuse(400, call, JsonRpc.HEADER_MISMATCH, "Header mismatch: " + mismatch.get() + ".", null);
            }
        }
        return switch (call.method()) {
            case "server/discover" -> json(200, JsonRpc.result(call.id(), discover()));
            case "tools/list" -> json(200, JsonRpc.result(call.id(), toolsList(modern)));
            case "tools/call" -> toolsCall(call, http, caller, modern);
            // Removed in 2026-07-28; before, an empty result that says the server is there.
            case "ping" -> modern ? methodNotFound(call, true) : json(200, JsonRpc.result(call.id(), Json.object()));
            default -> methodNotFound(call, modern);
        };
    }

    private ApiResponse toolsCall(JsonRpc.Request call, ApiRequest http, Principal caller, boolean modern) {
        JsonNode name = call.params().get("name");
        JsonNode arguments = call.params().get("arguments");
        if (name == null || !name.isTextual()) {
            return refuse(200, call, JsonRpc.INVALID_PARAMS, "Invalid params: name must be the tool's name.", null);
        }
        if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
            return refuse(200, call, JsonRpc.INVALID_PARAMS, "Invalid params: arguments must be an object.", null);
        }
        Optional<Tool> tool = Tool.named(name.textValue());
        if (tool.isEmpty()) {
            String shown = name.textValue().matches("[A-Za-z0-9_.-]{1,64}") ? ": " + name.textValue() : "";
            return refuse(200, call, JsonRpc.INVALID_PARAMS, "Unknown tool" + shown + ". tools/list names them.", null);
        }
        ObjectNode result = calls.call(tool.get(), arguments instanceof ObjectNode object ? object : Json.object(),
                http, caller);
        return json(200, JsonRpc.result(call.id(), modern ? complete(result) : result));
    }

    private ObjectNode initialize(ObjectNode params) {
        ObjectNode result = Json.object()
                .put("protocolVersion", ProtocolVersions.negotiate(stringAt(params.path("protocolVersion"))));
        result.set("capabilities", capabilities());
        result.set("serverInfo", serverInfo());
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    private ObjectNode discover() {
        ObjectNode result = Json.object();
        result.set("supportedVersions", Json.strings(ProtocolVersions.SUPPORTED));
        result.set("capabilities", capabilities());
        result.put("instructions", INSTRUCTIONS);
        return cacheable(complete(result));
    }

    private ObjectNode toolsList(boolean modern) {
        ObjectNode result = Json.object();
        result.set("tools", toolDefinitions());
        return modern ? cacheable(complete(result)) : result;
    }

    /** Built on the first {@code tools/list}: reading the document is work a {@code tools/call} never needs. */
    private synchronized ArrayNode toolDefinitions() {
        if (tools == null) {
            tools = ToolCatalog.definitions(ApiDocument.load().priced(prices::usd, prices::freePerMonth));
        }
        return tools;
    }

    private static ObjectNode capabilities() {
        ObjectNode capabilities = Json.object();
        capabilities.putObject("tools").put("listChanged", false);
        return capabilities;
    }

    private static ObjectNode serverInfo() {
        return Json.object().put("name", SERVER_NAME).put("title", "ceki: book human specialists, pay per call")
                .put("version", SERVER_VERSION);
    }

    /** What every 2026-07-28 result carries: its type and the server's identity. */
    private static ObjectNode complete(ObjectNode result) {
        result.put("resultType", "complete");
        result.putObject("_meta").set("io.modelcontextprotocol/serverInfo", serverInfo());
        return result;
    }

    /** Discovery and the tool list are the same for every caller: any cache may keep them for an hour. */
    private static ObjectNode cacheable(ObjectNode result) {
        return result.put("ttlMs", CACHE_TTL_MILLIS).put("cacheScope", "public");
    }

    /**
     * 2026-07-28's mirrored headers: {@code Mcp-Method} always, {@code Mcp-Name} on a {@code tools/call}, each equal
     * to the body (a value may come Base64-encoded as {@code =?base64?...?=}).
     */
    private static Optional<String> standardHeaderMismatch(JsonRpc.Request call, ApiRequest http) {
        Optional<String> method = http.header("Mcp-Method").map(McpRoutes::decodedHeader);
        if (!method.equals(Optional.of(call.method()))) {
            return Optional.of("the Mcp-Method header must be sent and equal the method");
        }
        JsonNode name = call.params().get("name");
        if (call.method().equals("tools/call") && name != null && name.isTextual()
                && !http.header("Mcp-Name").map(McpRoutes::decodedHeader).equals(Optional.of(name.textValue()))) {
            return Optional.of("the Mcp-Name header must be sent and equal params.name");
        }
        return Optional.empty();
    }

    private static String decodedHeader(String value) {
        if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
            try {
                return new String(Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return value;
            }
        }
        return value;
    }

    private static boolean saysModern(ApiRequest http) {
        return http.header(ProtocolVersions.HEADER).filter(ProtocolVersions.MODERN::equals).isPresent();
    }

    private static String stringAt(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static ApiResponse methodNotFound(JsonRpc.Request call, boolean modern) {
        String shown = call.method().matches("[A-Za-z0-9_./-]{1,64}") ? ": " + call.method() : "";
        return refuse(modern ? 404 : 200, call, JsonRpc.METHOD_NOT_FOUND, "Method not found" + shown + ".", null);
    }

    private static ApiResponse refuse(int status, JsonRpc.Request call, int code, String message, JsonNode data) {
        return json(status, JsonRpc.error(call.id(), code, message, data));
    }

    private static ApiResponse json(int status, ObjectNode body) {
        return ApiResponse.of(status, body);
    }

    /** 202 with no body, as Streamable HTTP answers what it accepts that asks for no answer. */
    private static ApiResponse accepted() {
        return ApiResponse.text(202, "text/plain; charset=utf-8", "");
    }
}
