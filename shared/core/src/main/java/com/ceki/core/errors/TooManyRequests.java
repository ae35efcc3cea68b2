package com.ceki.core.errors;

/** A rate limit was hit; the client may try again after {@link #retryAfterSeconds()}. */
public final class TooManyRequests extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequests(long retryAfterSeconds) {
        super("Too Many Attempts.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
