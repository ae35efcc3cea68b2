package com.ceki.core.time;

import com.ceki.core.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every function reads time from. On Lambda it is the system clock. Locally and in tests
 * ({@code CLOCK_ADJUSTABLE=true}) it is one shared clock that tests can move forward, so that expiries, rate
 * limits and month boundaries are tested without sleeping.
 */
public final class Clocks {

    private static final AdjustableClock SHARED_ADJUSTABLE = new AdjustableClock();

    private Clocks() {}

    public static Clock fromConfig(Config config) {
        return config.bool("CLOCK_ADJUSTABLE", false) ? SHARED_ADJUSTABLE : Clock.systemUTC();
    }

    /** The shared adjustable clock (local runner and tests only). */
    public static AdjustableClock adjustable() {
        return SHARED_ADJUSTABLE;
    }

    /** System time plus an offset that only grows or is reset. */
    public static final class AdjustableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        public void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        /** Sets the clock so that {@link #instant()} is about {@code at} now. */
        public void setTo(Instant at) {
            offset.set(Duration.between(Instant.now(), at));
        }

        public void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            if (ZoneOffset.UTC.equals(zone)) {
                return this;
            }
            throw new UnsupportedOperationException("The adjustable clock is UTC only");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
