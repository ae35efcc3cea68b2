package com.ceki.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.ceki.auth.CredentialStore;
import com.ceki.aws.Priming;
import com.ceki.core.auth.AuthorizerContext;
import java.util.Map;

/**
 * The HTTP API's Lambda REQUEST authorizer (simple responses, payload 2.0, caching off).
 *
 * <p>It authenticates and never denies: a request with a live credential gets the principal (type, id, status)
 * in its context; any other gets {@code principal_type=anonymous}. The route then decides (see
 * {@code com.ceki.http.Access}). Why: an HTTP API answers an authorizer's deny with a fixed
 * {@code 403 {"message":"Forbidden"}}, while API.md requires {@code 401 {"message":"Unauthenticated."}} for
 * missing, malformed and revoked keys; and only the route knows whether an agent must be active or verified.
 *
 * <p>Caching is off ({@code AuthorizerResultTtlInSeconds: 0}) so a regenerated key is dead on the next request.
 */
public final class AuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private final CredentialStore credentials;

    public AuthorizerHandler() {
        this(DaggerAuthorizerComponent.create().credentials());
        // Before a snapshot: whole invocations (the event as the runtime builds it, the response) with a well-formed
        // key no one holds and a token that cannot verify walk both paths (hash and read, JWT parse) finding no one.
        Priming.register("authorize an unknown key and a bad token", () -> {
            handleRequest(primingEvent("Bearer ceki_" + "0".repeat(40)), null);
            handleRequest(primingEvent("Bearer eyJhbGciOiJFUzI1NiJ9.e30.AA"), null);
        });
    }

    /** An event as API Gateway sends it; a fixed request time, whose parsing (Joda-Time) the runtime would do. */
    private static APIGatewayV2CustomAuthorizerEvent primingEvent(String authorization) {
        APIGatewayV2CustomAuthorizerEvent.RequestContext context = new APIGatewayV2CustomAuthorizerEvent.RequestContext();
        context.setRouteKey("GET /api/agent/me");
        context.setTime("01/Dec/2026:00:00:00 +0000");
        context.setTimeEpoch(1_796_083_200_000L);
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteKey("GET /api/agent/me");
        event.setRawPath("/api/agent/me");
        event.setHeaders(Map.of("authorization", authorization));
        event.setRequestContext(context);
        return event;
    }

    AuthorizerHandler(CredentialStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Map<String, String> result = credentials.authenticate(authorization(event.getHeaders()))
                .map(AuthorizerContext::of)
                .orElseGet(AuthorizerContext::anonymous);
        SimpleIAMPolicyResponse response = new SimpleIAMPolicyResponse();
        response.setIsAuthorized(true);
        response.setContext(result);
        return response;
    }

    /** API Gateway lower-cases header names in payload 2.0; be lenient anyway. */
    private static String authorization(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String value = headers.get("authorization");
        return value != null ? value : headers.get("Authorization");
    }
}
