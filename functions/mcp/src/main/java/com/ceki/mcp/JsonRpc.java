package com.ceki.mcp;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 as MCP uses it over HTTP: one message per POST (MCP has no batches since 2025-06-18), ids that are
 * strings or integers (never null), params an object.
 */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    /** MCP 2026-07-28: the HTTP headers disagree with the body, or a required one is missing. */
    static final int HEADER_MISMATCH = -32020;
    /** MCP 2026-07-28: the request's protocol version is not one this server speaks. */
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    /** What one POST body is. */
    sealed interface Message permits Request, Notification, ClientResponse, Invalid {}

    /** A call that wants an answer. {@code params} is an empty object when the request has none. */
    record Request(JsonNode id, String method, ObjectNode params) implements Message {}

    /** A call without an id: nothing is answered but the 202. */
    record Notification(String method) implements Message {}

    /** The client's answer to a request of ours; this server sends none, so it is only acknowledged. */
    record ClientResponse() implements Message {}

    /** Not a message we can serve: answered with this error, under its id when one could be read (else null). */
    record Invalid(JsonNode id, int code, String message) implements Message {}

    private JsonRpc() {}

    static Message read(String body) {
        JsonNode json;
        try {
            json = body.isBlank() ? null : Json.parse(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null) {
            return new Invalid(null, PARSE_ERROR, "Parse error: the body is not one JSON document.");
        }
        if (!json.isObject()) {
            return new Invalid(null, INVALID_REQUEST,
                    "Invalid Request: the body must be one JSON-RPC 2.0 message object (MCP has no batches).");
        }
        if (!"2.0".equals(json.path("jsonrpc").textValue())) {
            return new Invalid(validId(json.get("id")), INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\".");
        }
        JsonNode id = json.get("id");
        JsonNode method = json.get("method");
        if (method == null) {
            boolean answers = json.has("result") != json.has("error");
            return id != null && isValidId(id) && answers ? new ClientResponse()
                    : new Invalid(validId(id), INVALID_REQUEST, "Invalid Request: a message needs a method, or a result or an error.");
        }
        if (!method.isTextual()) {
            return new Invalid(validId(id), INVALID_REQUEST, "Invalid Request: method must be a string.");
        }
        if (id == null) {
            return new Notification(method.textValue());
        }
        if (!isValidId(id)) {
            return new Invalid(null, INVALID_REQUEST, "Invalid Request: id must be a string or an integer.");
        }
        JsonNode params = json.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return new Invalid(id, INVALID_PARAMS, "Invalid params: params must be an object.");
        }
        return new Request(id, method.textValue(), params instanceof ObjectNode object ? object : Json.object());
    }

    private static boolean isValidId(JsonNode id) {
        return id.isTextual() || id.isIntegralNumber();
    }

    private static JsonNode validId(JsonNode id) {
        return id != null && isValidId(id) ? id : null;
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = Json.object().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    /** An error response; without {@code id} when the request's could not be read (MCP's schema allows no null id). */
    static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode response = Json.object().put("jsonrpc", "2.0");
        if (id != null) {
            response.set("id", id);
        }
        ObjectNode error = response.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return response;
    }
}
