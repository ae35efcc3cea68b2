package com.ceki.core.errors;

/**
 * A failure the client caused or must be told about. Domain code throws these; the HTTP layer maps each kind to
 * its status and body, so domain code never speaks HTTP.
 */
public abstract sealed class DomainException extends RuntimeException
        permits Unauthenticated, Forbidden, NotFound, Conflict, TooManyRequests, ValidationFailed, PaymentRequired,
                SpendLimitExceeded, ServiceUnavailable {

    protected DomainException(String message) {
        super(message, null, false, false); // control flow for expected outcomes: no stack trace needed
    }
}
