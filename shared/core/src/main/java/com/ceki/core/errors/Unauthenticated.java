package com.ceki.core.errors;

/** Missing, malformed, revoked or expired credentials. */
public final class Unauthenticated extends DomainException {

    public Unauthenticated() {
        super("Unauthenticated.");
    }
}
