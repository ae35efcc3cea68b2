package com.ceki.bench.probe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event an HTTP API sends its Lambda REQUEST authorizer (payload 2.0) before a route behind it; options as in
 * {@link HttpApiEvents}. No identity source: with caching off the template configures none.
 */
final class AuthorizerEvents {

    private AuthorizerEvents() {}

    static APIGatewayV2CustomAuthorizerEvent request(Map<String, String> options) {
        String routeKey = options.get("route");
        String path = options.get("path");
        Map<String, String> headers = HttpApiEvents.headers(options);

        APIGatewayV2CustomAuthorizerEvent.Http http = new APIGatewayV2CustomAuthorizerEvent.Http();
        http.setMethod(HttpApiEvents.method(routeKey));
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        http.setUserAgent(headers.get("user-agent"));

        APIGatewayV2CustomAuthorizerEvent.RequestContext context = new APIGatewayV2CustomAuthorizerEvent.RequestContext();
        context.setAccountId(HttpApiEvents.ACCOUNT_ID);
        context.setApiId(HttpApiEvents.API_ID);
        context.setDomainName("localhost");
        context.setDomainPrefix("localhost");
        context.setHttp(http);
        context.setRequestId(options.get("requestId"));
        context.setRouteKey(routeKey);
        context.setStage("$default");
        context.setTime(options.get("time"));
        context.setTimeEpoch(Long.parseLong(options.get("timeEpoch")));

        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteArn(new StringBuilder("arn:aws:execute-api:us-east-1:").append(HttpApiEvents.ACCOUNT_ID)
                .append(':').append(HttpApiEvents.API_ID).append("/$default/").append(HttpApiEvents.method(routeKey))
                .append(path).toString());
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setRawQueryString("");
        event.setHeaders(headers);
        event.setPathParameters(HttpApiEvents.pathParameters(routeKey, path));
        event.setRequestContext(context);
        return event;
    }

    /** {@code isAuthorized=<bool> context={...}}, the context sorted by key. */
    static String describe(Object response) {
        SimpleIAMPolicyResponse decision = (SimpleIAMPolicyResponse) response;
        Map<String, String> context = decision.getContext() == null ? Map.of() : new TreeMap<>(decision.getContext());
        return new StringBuilder("isAuthorized=").append(decision.getIsAuthorized())
                .append(" context=").append(context).toString();
    }
}
