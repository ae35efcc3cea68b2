package com.ceki.core.errors;

/** The request conflicts with the current state (a duplicate, a reused idempotency key). */
public final class Conflict extends DomainException {

    public Conflict(String message) {
        super(message);
    }
}
