package com.ceki.http;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.Unauthenticated;
import java.util.Optional;

/**
 * Who may call a route (API.md, "Auth"). The authorizer only establishes who is calling; each route declares
 * what it requires, and this is where that is enforced, before the route runs.
 */
public enum Access {
    /** No credential needed. */
    PUBLIC,
    /** Any agent, whatever its status: only {@code GET /api/agent/me}. */
    AGENT_ANY_STATUS,
    /** An agent that is pending its deposit or active (account and wallet endpoints). */
    AGENT,
    /** An active agent (billable and directory-writing endpoints). */
    AGENT_ACTIVE,
    /** An active agent with a verified email (specialist search, user profiles). */
    AGENT_ACTIVE_VERIFIED,
    /** A person signed in with a JWT. */
    USER;

    /** Returns the caller when allowed; throws 401 without a credential, 403 when the caller may not. */
    public Principal check(Optional<Principal> caller) {
        if (this == PUBLIC) {
            return caller.orElse(null);
        }
        Principal principal = caller.orElseThrow(Unauthenticated::new);
        if (this == USER) {
            if (principal.kind() != Principal.Kind.USER) {
                throw new Forbidden("This endpoint is for users; agents use /api/agent.");
            }
            if ("banned".equals(principal.status())) {
                throw new Forbidden("This account is banned.");
            }
            return principal;
        }
        if (principal.kind() != Principal.Kind.AGENT) {
            throw new Forbidden("This endpoint is for agents and needs an agent API key.");
        }
        String status = principal.status();
        if (this == AGENT_ANY_STATUS) {
            return principal;
        }
        if ("suspended".equals(status) || "banned".equals(status)) {
            throw new Forbidden("This agent account is " + status + ".");
        }
        if (this == AGENT) {
            return principal;
        }
        if (!"active".equals(status)) {
            throw new Forbidden("This agent account is not active yet: deposit the required amount to activate it.");
        }
        if (this == AGENT_ACTIVE_VERIFIED && !principal.emailVerified()) {
            throw new Forbidden("Verify your email address to use this endpoint.");
        }
        return principal;
    }
}
