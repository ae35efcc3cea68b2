package com.ceki.local.faults;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One call through a {@link FaultProxy}: its operation as the real protocol names it, and its body.
 *
 * @param operation {@code TransactWriteItems} (X-Amz-Target), {@code SendEmail} (query protocol {@code Action=}),
 *                  {@code eth_getLogs} (JSON-RPC), or else {@code "GET /blocks/tip/height"}
 * @param protocol  how the service answers errors: {@code json} (X-Amz-Target), {@code query} (XML), {@code rpc},
 *                  {@code http}
 */
public record Call(String method, String path, String operation, String protocol, byte[] body) {

    static Call of(String method, String path, String amzTarget, byte[] body) {
        if (amzTarget != null) {
            return new Call(method, path, amzTarget.substring(amzTarget.indexOf('.') + 1), "json", body);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String action = formField(text, "Action");
        if (action != null) {
            return new Call(method, path, action, "query", body);
        }
        JsonNode rpc = json(body);
        if (rpc != null && rpc.path("method").isTextual()) {
            return new Call(method, path, rpc.path("method").asText(), "rpc", body);
        }
        return new Call(method, path, method + " " + path, "http", body);
    }

    /** The body as JSON, or null when it is not JSON. */
    JsonNode json() {
        return json(body);
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0 || (body[0] != '{' && body[0] != '[')) {
            return null;
        }
        try {
            return Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
