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

    private static final List<Step> STEPS = new ArrayList<>();
    /** The one resource registered with org.crac, which holds it weakly: this strong reference keeps it. */
    private static final Resource CHECKPOINT = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            primeNow();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // Nothing to re-open: the SDK clients reconnect on their own, and nothing random was made before.
        }
    };

    static {
        Core.getGlobalContext().register(CHECKPOINT);
    }

    private record Step(String what, Runnable work) {
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
        STEPS.add(new Step(what, work));
    }

    /**
     * Runs every registered step now, {@link #ROUNDS} times, as a checkpoint does (and the benchmark's stand-in for
     * one), including steps that the steps themselves register (a router built during priming primes itself too).
     */
    public static void primeNow() {
        for (int round = 0; round < ROUNDS; round++) {
            for (int next = 0; ; next++) {
                Step step;
                synchronized (Priming.class) {
                    if (next >= STEPS.size()) {
                        break;
                    }
                    step = STEPS.get(next);
                }
                step.run();
            }
        }
    }

    /**
     * The first round loads and links; the later ones let the JIT (full tiered compilation under SnapStart) compile
     * the request path before the snapshot, as warm calls would. Each later round costs about one warm request.
     */
    static final int ROUNDS = 10;
}
