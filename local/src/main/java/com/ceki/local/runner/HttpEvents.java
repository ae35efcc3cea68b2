package com.ceki.local.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the events API Gateway (HTTP API, payload format 2.0) sends: the request event a function receives and
 * the REQUEST authorizer event. Header names are lower-cased and repeated headers and query parameters joined
 * with commas, as API Gateway does.
 */
final class HttpEvents {

    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What arrived over HTTP, before routing. */
    record IncomingRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                           String body, boolean base64, String sourceIp, String requestId, Instant at) {}

    private HttpEvents() {}

    static APIGatewayV2HTTPEvent request(IncomingRequest in, String routeKey, Map<String, String> pathParameters,
                                         Map<String, Object> authorizerContext) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(in.method()).withPath(in.path()).withProtocol("HTTP/1.1")
                .withSourceIp(in.sourceIp()).withUserAgent(firstHeader(in, "user-agent")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(ACCOUNT_ID).withApiId(API_ID).withDomainName("localhost").withDomainPrefix("localhost")
                .withHttp(http).withRequestId(in.requestId()).withRouteKey(routeKey).withStage("$default")
                .withTime(REQUEST_TIME.format(in.at())).withTimeEpoch(in.at().toEpochMilli());
        if (authorizerContext != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withLambda(authorizerContext).build());
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(in.path())
                .withRawQueryString(in.rawQuery() == null ? "" : in.rawQuery())
                .withCookies(cookies(in)).withHeaders(headers(in)).withQueryStringParameters(query(in.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context.build())
                .withBody(in.body())
                .build();
        event.setIsBase64Encoded(in.base64());
        return event;
    }

    static APIGatewayV2CustomAuthorizerEvent authorizer(IncomingRequest in, String routeKey,
                                                        Map<String, String> pathParameters, List<String> identitySource) {
        var http = APIGatewayV2CustomAuthorizerEvent.Http.builder()
                .withMethod(in.method()).withPath(in.path()).withProtocol("HTTP/1.1")
                .withSourceIp(in.sourceIp()).withUserAgent(firstHeader(in, "user-agent")).build();
        var context = APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                .withAccountId(ACCOUNT_ID).withApiId(API_ID).withDomainName("localhost").withDomainPrefix("localhost")
                .withHttp(http).withRequestId(in.requestId()).withRouteKey(routeKey).withStage("$default")
                .withTime(REQUEST_TIME.format(in.at())).withTimeEpoch(in.at().toEpochMilli()).build();
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0").withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:us-east-1:" + ACCOUNT_ID + ":" + API_ID + "/$default/"
                        + in.method() + in.path())
                .withIdentitySource(identitySource.isEmpty() ? null : identitySource)
                .withRouteKey(routeKey).withRawPath(in.path()).withRawQueryString(in.rawQuery() == null ? "" : in.rawQuery())
                .withCookies(cookies(in)).withHeaders(headers(in)).withQueryStringParameters(query(in.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .build();
    }

    static Map<String, String> headers(IncomingRequest in) {
        Map<String, String> headers = new LinkedHashMap<>();
        in.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("cookie")) {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        // API Gateway tells functions how the client reached it (https on AWS); here it is plain http.
        headers.putIfAbsent("x-forwarded-proto", "http");
        return headers;
    }

    static String firstHeader(IncomingRequest in, String name) {
        for (var entry : in.headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static List<String> cookies(IncomingRequest in) {
        List<String> cookies = new ArrayList<>();
        in.headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            }
        });
        return cookies.isEmpty() ? null : cookies;
    }

    /** {@code queryStringParameters}: decoded, repeated names joined with commas; null when there are none. */
    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
