package com.ceki.bench.probe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The event an HTTP API (payload format 2.0) sends a function's route. Options:
 * <ul>
 *   <li>{@code route=GET /api/agent/agents/{id}} the template route key; {@code path=/api/agent/agents/7} the
 *       request path ({@code {name}} segments become path parameters, as API Gateway binds them);</li>
 *   <li>{@code header.<name>=<value>} request headers (names lower-cased, as API Gateway sends them);</li>
 *   <li>{@code context.<key>=<value>} the Lambda authorizer's context ({@code requestContext.authorizer.lambda}),
 *       for routes behind the authorizer;</li>
 *   <li>{@code body=...}, {@code requestId=...}, {@code time=...} and {@code timeEpoch=...}.</li>
 * </ul>
 */
final class HttpApiEvents {

    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";

    private HttpApiEvents() {}

    static APIGatewayV2HTTPEvent request(Map<String, String> options) {
        String routeKey = options.get("route");
        String path = options.get("path");

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method(routeKey));
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        http.setUserAgent(headers(options).get("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(ACCOUNT_ID);
        context.setApiId(API_ID);
        context.setDomainName("localhost");
        context.setDomainPrefix("localhost");
        context.setHttp(http);
        context.setRequestId(options.get("requestId"));
        context.setRouteKey(routeKey);
        context.setStage("$default");
        context.setTime(options.get("time"));
        context.setTimeEpoch(Long.parseLong(options.get("timeEpoch")));
        Map<String, Object> authorizerContext = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().startsWith("context.")) {
                authorizerContext.put(option.getKey().substring("context.".length()), option.getValue());
            }
        }
        if (!authorizerContext.isEmpty()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setLambda(authorizerContext);
            context.setAuthorizer(authorizer);
        }

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setRawQueryString("");
        event.setHeaders(headers(options));
        event.setPathParameters(pathParameters(routeKey, path));
        event.setRequestContext(context);
        event.setBody(options.get("body"));
        event.setIsBase64Encoded(false);
        return event;
    }

    /** {@code status=<code> type=<Content-Type> body=<body>}: a feed answers text/calendar, the rest JSON. */
    static String describe(Object response) {
        APIGatewayV2HTTPResponse http = (APIGatewayV2HTTPResponse) response;
        Map<String, String> headers = http.getHeaders();
        return new StringBuilder("status=").append(http.getStatusCode())
                .append(" type=").append(headers == null ? null : headers.get("Content-Type"))
                .append(" body=").append(http.getBody()).toString();
    }

    static String method(String routeKey) {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    static Map<String, String> headers(Map<String, String> options) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "localhost");
        headers.put("user-agent", "ceki-cold-start-benchmark");
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().startsWith("header.")) {
                headers.put(option.getKey().substring("header.".length()).toLowerCase(Locale.ROOT), option.getValue());
            }
        }
        return headers;
    }

    /** The {@code {name}} segments of the route bound to the request path's segments; null when there are none. */
    static Map<String, String> pathParameters(String routeKey, String path) {
        String[] pattern = routeKey.substring(routeKey.indexOf(' ') + 1).split("/");
        String[] actual = path.split("/");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length && i < actual.length; i++) {
            if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                parameters.put(pattern[i].substring(1, pattern[i].length() - 1), actual[i]);
            }
        }
        return parameters.isEmpty() ? null : parameters;
    }
}
