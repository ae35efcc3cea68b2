package com.ceki.core.errors;

/**
 * A dependency we need is not fit to use right now (a stale exchange rate, a busy item, a throttled or failing
 * service); nothing was done, and the client may try again after {@link #retryAfterSeconds()}.
 */
public final class ServiceUnavailable extends DomainException {

    /** What most causes need: a lost race or a throttled call clears within a second. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final long retryAfterSeconds;

    public ServiceUnavailable(String message) {
        this(message, RETRY_AFTER_SECONDS);
    }

    public ServiceUnavailable(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
