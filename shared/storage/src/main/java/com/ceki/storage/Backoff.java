package com.ceki.storage;

import com.ceki.core.errors.ServiceUnavailable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before trying a conditional write again after losing a race for its item (a day or week lock, an
 * event's sequence): a few random milliseconds, growing with the attempt, so that racers spread out.
 */
public final class Backoff {

    private Backoff() {}

    public static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L + 5L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("Interrupted; try again.");
        }
    }
}
