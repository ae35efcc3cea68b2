package com.ceki.bench;

/** A failure that makes the numbers worthless (a broken request, a missing artifact): reported, exit non-zero. */
final class BenchmarkFailure extends RuntimeException {

    BenchmarkFailure(String message) {
        super(message);
    }

    BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
