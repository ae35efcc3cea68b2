package com.ceki.tests.support;

import java.time.Duration;
import java.util.function.Supplier;

/** For outcomes that arrive asynchronously (through the metering queue): poll until true or fail. */
public final class Eventually {

    private Eventually() {}

    public static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
}
