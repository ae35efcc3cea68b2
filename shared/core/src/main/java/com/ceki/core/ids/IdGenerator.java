package com.ceki.core.ids;

import com.ceki.core.random.SecureRandoms;
import java.time.Clock;
import java.util.function.LongFunction;

/**
 * Positive integer ids below 2^53 (exact in JavaScript and JSON) without a counter item to contend on:
 * 41 bits of milliseconds since 2025-01-01 (enough until 2094) followed by 12 random bits. Ids grow with time,
 * so they sort roughly by creation. Two ids minted in the same millisecond collide with probability 1/4096;
 * every item keyed by an id is written with {@code attribute_not_exists}, and callers retry on that rare clash.
 */
public final class IdGenerator {

    private static final long EPOCH_MILLIS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final int RANDOM_BITS = 12;

    private final Clock clock;

    public IdGenerator(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        long millis = clock.millis() - EPOCH_MILLIS;
        return (millis << RANDOM_BITS) | SecureRandoms.get().nextInt(1 << RANDOM_BITS);
    }

    /**
     * Creates something under a fresh id: {@code create} writes it on {@code attribute_not_exists} and returns it, or
     * null when the id was taken (minted in the same millisecond as another), and is then given a new id. Three
     * clashes in a row mean something else is wrong.
     */
    public <T> T withUnusedId(String what, LongFunction<T> create) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            T created = create.apply(next());
            if (created != null) {
                return created;
            }
        }
        throw new IllegalStateException("Could not mint an unused " + what + " id");
    }
}
