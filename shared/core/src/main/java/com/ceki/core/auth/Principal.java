package com.ceki.core.auth;

import java.util.Locale;

/**
 * Who is calling, as established by the authorizer: an agent (API key) or a user (JWT), with the account status
 * read at authorization time.
 */
public record Principal(Kind kind, long id, String status, boolean emailVerified) {

    public enum Kind {
        AGENT,
        USER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isAgent() {
        return kind == Kind.AGENT;
    }
}
