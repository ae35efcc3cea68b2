package com.ceki.bench;

import java.util.Arrays;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The sorted latencies of one phase of calls made one after another, with nearest-rank percentiles in ms. */
record Latencies(String name, long[] nanos) {

    /** GetItems of the floor discarded before it is measured (connection, JIT). */
    private static final int FLOOR_WARMUP = 300;

    /** One call of a phase: null when it got the answer it must get, else what it got. */
    @FunctionalInterface
    interface Call {
        String call() throws Exception;
    }

    /** Prepares call {@code i} of a phase off the clock: builds its request, seeds what it needs. */
    @FunctionalInterface
    interface Calls {
        Call prepare(int i) throws Exception;
    }

    double p(double percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }

    /**
     * {@code count} calls one after another; any wrong answer fails the benchmark. Only {@link Call#call} is timed,
     * not {@link Calls#prepare}.
     */
    static Latencies time(String name, int count, Calls calls) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            Call call = calls.prepare(i);
            long t0 = System.nanoTime();
            String wrong = call.call();
            nanos[i] = System.nanoTime() - t0;
            if (wrong != null) {
                throw new BenchmarkFailure(name + ": " + wrong);
            }
        }
        Arrays.sort(nanos);
        return new Latencies(name, nanos);
    }

    /** The floor: {@code count} bare GetItems of an item that exists, after a warm-up. */
    static Latencies floor(DynamoDbClient client, GetItemRequest get, int count) throws Exception {
        Call once = () -> client.getItem(get).hasItem() ? null : "no item";
        time("warm-up", FLOOR_WARMUP, i -> once);
        return time("GetItem (floor)", count, i -> once);
    }
}
