package com.ceki.core.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The contract between the authorizer and the functions: the context map the authorizer returns, which API
 * Gateway hands to the function as {@code requestContext.authorizer.lambda}. Values are strings because that is
 * what API Gateway passes on.
 */
public final class AuthorizerContext {

    public static final String PRINCIPAL_TYPE = "principal_type";
    public static final String PRINCIPAL_ID = "principal_id";
    public static final String STATUS = "status";
    public static final String EMAIL_VERIFIED = "email_verified";

    /** Value of {@link #PRINCIPAL_TYPE} when the request carried no valid credential. */
    public static final String ANONYMOUS = "anonymous";

    private AuthorizerContext() {}

    public static Map<String, String> of(Principal principal) {
        Map<String, String> context = new HashMap<>();
        context.put(PRINCIPAL_TYPE, principal.kind().wireName());
        context.put(PRINCIPAL_ID, Long.toString(principal.id()));
        context.put(STATUS, principal.status());
        context.put(EMAIL_VERIFIED, Boolean.toString(principal.emailVerified()));
        return context;
    }

    public static Map<String, String> anonymous() {
        return Map.of(PRINCIPAL_TYPE, ANONYMOUS);
    }

    /** The principal in a context map, or empty for anonymous / missing / unreadable context. */
    public static Optional<Principal> read(Map<String, ?> context) {
        if (context == null) {
            return Optional.empty();
        }
        Object type = context.get(PRINCIPAL_TYPE);
        Object id = context.get(PRINCIPAL_ID);
        if (type == null || id == null) {
            return Optional.empty();
        }
        Principal.Kind kind;
        switch (type.toString()) {
            case "agent" -> kind = Principal.Kind.AGENT;
            case "user" -> kind = Principal.Kind.USER;
            default -> {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new Principal(kind, Long.parseLong(id.toString()),
                    String.valueOf(context.get(STATUS)), Boolean.parseBoolean(String.valueOf(context.get(EMAIL_VERIFIED)))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
