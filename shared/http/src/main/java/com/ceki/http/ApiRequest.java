package com.ceki.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.ceki.core.auth.AuthorizerContext;
import com.ceki.core.auth.Principal;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.validation.ValidText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A read-only view of an HTTP API (payload 2.0) event: what a route needs, parsed once. */
public final class ApiRequest {

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers;
    private Map<String, List<String>> query;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        Map<String, String> lower = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        this.headers = lower;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String requestId() {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "" : context.getRequestId();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The principal the authorizer established; empty for public routes and anonymous callers. */
    public Optional<Principal> principal() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null) {
            return Optional.empty();
        }
        return AuthorizerContext.read(context.getAuthorizer().getLambda());
    }

    /** The URL the client called, without its query: {@code https://api.example.com/api/contracts/1/events}. */
    public String url() {
        String scheme = header("x-forwarded-proto").orElse("https");
        String host = header("host").orElseGet(() -> {
            var context = event.getRequestContext();
            return context == null || context.getDomainName() == null ? "localhost" : context.getDomainName();
        });
        return scheme + "://" + host + rawPath();
    }

    public String rawPath() {
        return event.getRawPath() == null ? "" : event.getRawPath();
    }

    /** The body as sent (decoded when base64), or an empty string. */
    public String rawBody() {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body == null ? "" : body;
    }

    /**
     * Whether a billable call is only to be quoted: {@code ?dry_run=true}. Any value but {@code true} or
     * {@code false} is a 422, so that a typo never turns a quote into a paid call.
     */
    public boolean dryRun() {
        List<String> values = query().getOrDefault("dry_run", List.of());
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() == 1 && (values.getFirst().equals("true") || values.getFirst().equals("false"))) {
            return values.getFirst().equals("true");
        }
        throw ValidationFailed.of("dry_run", "The dry_run parameter must be true or false.");
    }

    /** A path parameter as sent (decoded by API Gateway), such as an id or an external id; null when absent. */
    public String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    /** A numeric path parameter such as {@code {id}}; anything else is a 404, as no such object can exist. */
    public long pathId(String name) {
        String raw = event.getPathParameters() == null ? null : event.getPathParameters().get(name);
        if (raw == null || !raw.matches("[1-9]\\d{0,15}")) {
            throw new NotFound("Not found.");
        }
        return Long.parseLong(raw);
    }

    /** Query parameters, repeated names kept in order ({@code tags[]=a&tags[]=b}). */
    public Map<String, List<String>> query() {
        if (query == null) {
            query = parseQuery(event.getRawQueryString());
        }
        return query;
    }

    /**
     * The body as JSON. An empty body is an empty object (every field then reports "required"); anything that
     * is not JSON is a 422 naming {@code body}, and so is text anywhere in it that is not valid Unicode (a 422
     * naming that field: see {@link ValidText}). Bytes that are not UTF-8 were already read as U+FFFD, which is.
     */
    public JsonNode json() {
        String body = rawBody();
        if (body.isBlank()) {
            return Json.object();
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw ValidationFailed.of("body", "The request body must be valid JSON.");
        }
        ValidText.check(json);
        return json;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%' stays literal rather than failing the request
        }
    }
}
