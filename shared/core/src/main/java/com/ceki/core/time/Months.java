package com.ceki.core.time;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Billing periods: calendar months in UTC ({@code YYYY-MM}). */
public final class Months {

    private Months() {}

    public static YearMonth current(Clock clock) {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    }
}
