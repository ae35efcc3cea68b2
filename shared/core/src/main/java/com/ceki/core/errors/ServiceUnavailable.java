package com.ceki.core.errors;

/** A dependency we need is not fit to use right now (for example a stale exchange rate). */
public final class ServiceUnavailable extends DomainException {

    public ServiceUnavailable(String message) {
        super(message);
    }
}
