package com.ceki.core.errors;

/** Authenticated, but not allowed to do this. */
public final class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(message);
    }
}
