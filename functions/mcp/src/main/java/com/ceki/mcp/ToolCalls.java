package com.ceki.mcp;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.ceki.core.auth.AuthorizerContext;
import com.ceki.core.auth.Principal;
import com.ceki.core.json.Json;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.payments.X402Headers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tool call as the REST request it mirrors, run in-process through the route's own {@link Router}: the same
 * access check, validation, billing, idempotency and metering as over HTTP, for the caller the authorizer found on
 * the {@code POST /mcp}. Arguments fill the path template's parameters; the rest are the query of a GET, or the JSON
 * body otherwise.
 */
final class ToolCalls {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Headers of the outer request that the route reads: where it was called (paginator URLs) and the retry key. */
    private static final List<String> PASSED_HEADERS = List.of("host", "x-forwarded-proto", "user-agent",
            Router.IDEMPOTENCY_KEY.toLowerCase(Locale.ROOT));

    private final Targets targets;

    ToolCalls(Targets targets) {
        this.targets = targets;
    }

    /** The tool's {@code CallToolResult}: the route's body on a success, its error body and status otherwise. */
    ObjectNode call(Tool tool, ObjectNode arguments, ApiRequest outer, Principal caller) {
        ObjectNode rest = arguments.deepCopy();
        Map<String, String> pathParameters = new LinkedHashMap<>();
        String path = tool.pathTemplate();
        for (String name : tool.pathParameters()) {
            JsonNode value = rest.remove(name);
            if (value == null || value.isNull()) {
                return refused(422, Json.object().put("message", "The " + name + " field is required.")
                        .set("errors", Json.object().set(name, Json.array().add("The " + name + " field is required."))));
            }
            String text = value.isValueNode() ? value.asText() : Json.write(value);
            pathParameters.put(name, text);
            path = path.replace("{" + name + "}", URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        boolean get = tool.method().equals("GET");
        APIGatewayV2HTTPEvent event = event(tool, path, pathParameters, get ? query(rest) : "",
                get ? null : Json.write(rest), outer, caller);
        ApiResponse response = targets.router(tool.target()).dispatch(new ApiRequest(event));
        if (response.isSuccess()) {
            ObjectNode body = response.body() instanceof ObjectNode object ? object
                    : Json.object().set("value", response.body());
            return result(body, false);
        }
        ObjectNode error = response.body() instanceof ObjectNode object ? object.deepCopy()
                : Json.object().put("message", response.body().asText());
        String paymentRequired = response.headers().get(X402Headers.PAYMENT_REQUIRED);
        if (paymentRequired != null) {
            // The x402 requirements a REST client reads from the header: pay them through the REST route, or top up.
            X402Headers.decode(paymentRequired).ifPresent(required -> error.set("payment_required", required));
        }
        String retryAfter = response.headers().get("Retry-After");
        if (retryAfter != null && retryAfter.matches("\\d{1,9}")) {
            error.put("retry_after", Integer.parseInt(retryAfter));
        }
        return refused(response.status(), error);
    }

    private static ObjectNode refused(int status, ObjectNode body) {
        return result(body.put("status", status), true);
    }

    /** A result whose text is its structured content as JSON, for clients that only read text. */
    private static ObjectNode result(ObjectNode structured, boolean isError) {
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", Json.write(structured));
        result.set("structuredContent", structured);
        if (isError) {
            result.put("isError", true);
        }
        return result;
    }

    /** A GET's arguments as its query string: a list is repeated as {@code name[]}, as the routes read lists. */
    static String query(ObjectNode arguments) {
        StringBuilder query = new StringBuilder();
        arguments.properties().forEach(argument -> {
            JsonNode value = argument.getValue();
            String name = argument.getKey();
            if (value.isNull()) {
                return;
            }
            if (value.isArray()) {
                String listName = name.endsWith("[]") ? name : name + "[]";
                value.forEach(item -> append(query, listName, item));
            } else {
                append(query, name, value);
            }
        });
        return query.toString();
    }

    private static void append(StringBuilder query, String name, JsonNode value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        String text = value.isValueNode() ? value.asText() : Json.write(value);
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(text, StandardCharsets.UTF_8));
    }

    /** The payload 2.0 event API Gateway would send the route, with the outer request's id and authorizer context. */
    private static APIGatewayV2HTTPEvent event(Tool tool, String path, Map<String, String> pathParameters, String query,
                                               String body, ApiRequest outer, Principal caller) {
        Map<String, String> headers = new HashMap<>();
        for (String name : PASSED_HEADERS) {
            outer.header(name).ifPresent(value -> headers.put(name, value));
        }
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        Map<String, Object> authorizer = new HashMap<>(caller == null ? AuthorizerContext.anonymous()
                : AuthorizerContext.of(caller));
        Instant now = Instant.now();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(tool.method()).withPath(path).withProtocol("HTTP/1.1")
                .withUserAgent(headers.get("user-agent")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(outer.requestId()).withRouteKey(tool.routeKey()).withStage("$default")
                .withDomainName(headers.getOrDefault("host", "localhost"))
                .withHttp(http).withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(authorizer).build())
                .build();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(tool.routeKey()).withRawPath(path).withRawQueryString(query)
                .withHeaders(headers).withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context).withBody(body)
                .build();
        event.setIsBase64Encoded(false);
        return event;
    }
}
