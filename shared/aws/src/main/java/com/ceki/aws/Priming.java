package com.ceki.aws;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Snapshot priming for Lambda SnapStart, through {@code org.crac}: work a function registers here runs once before
 * its snapshot is taken ({@code beforeCheckpoint}), so that a restored function does not pay for its first request's
 * class loading, JIT and client set-up. A priming must be harmless and deterministic: reads of keys that do not
 * exist, requests that are refused, never a write, an id, a key or a random value (those would be shared by every
 * restored copy).
 *
 * <p>On a JVM without CRaC (every JVM here, and Lambda without SnapStart) registration does nothing and the work
 * never runs; {@link #primeNow} runs it on demand, which is how the cold-start benchmark measures a primed function.
 */
public final class Priming {

    /** org.crac holds resources weakly: these strong references keep them registered. */
    private static final List<Step> STEPS = new ArrayList<>();

    private record Step(String what, Runnable work) implements Resource {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            run();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // Nothing to re-open: the SDK clients reconnect on their own, and nothing random was made before.
        }

        void run() {
            try {
                work.run();
            } catch (RuntimeException e) {
                // A priming that fails leaves the first request to do the work: never a reason to fail a snapshot.
                System.err.println("WARN priming step '" + what + "' failed: " + e);
            }
        }
    }

    private Priming() {}

    /** Runs {@code work} before the function's snapshot (in registration order). */
    public static synchronized void register(String what, Runnable work) {
        Step step = new Step(what, work);
        STEPS.add(step);
        Core.getGlobalContext().register(step);
    }

    /** Runs every registered step now, as a checkpoint would (the benchmark's stand-in for one). */
    public static void primeNow() {
        List<Step> steps;
        synchronized (Priming.class) {
            steps = List.copyOf(STEPS);
        }
        steps.forEach(Step::run);
    }
}
