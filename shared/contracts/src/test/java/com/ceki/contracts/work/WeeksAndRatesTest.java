package com.ceki.contracts.work;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ceki.contracts.Rate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weeks in a contract's zone (Monday to Sunday, DST included) and amounts at a rate, rounded half up once. */
class WeeksAndRatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anEntryTouchesTheWeeksOfItsLocalDays() {
        // Sunday 23:30 Berlin (CET) to Monday 00:30: two weeks; the UTC day alone would say one.
        Instant start = Instant.parse("2026-10-25T22:30:00Z");
        Instant end = Instant.parse("2026-10-25T23:30:00Z");
        assertEquals(List.of(LocalDate.parse("2026-10-19"), LocalDate.parse("2026-10-26")), WeekLocks.mondays(start, end, BERLIN));
        WeekLocks.Week first = new WeekLocks.Week(LocalDate.parse("2026-10-19"), BERLIN, List.of(), 0);
        assertEquals(30, first.minutesWithin(start, end));
        assertEquals(List.of(LocalDate.parse("2026-10-26")),
                WeekLocks.mondays(Instant.parse("2026-10-26T08:00:00Z"), Instant.parse("2026-10-26T09:00:00Z"), BERLIN));
    }

    @Test
    void theWeekTheClocksGoBackHasAnHourMore() {
        WeekLocks.Week week = new WeekLocks.Week(LocalDate.parse("2026-10-19"), BERLIN, List.of(), 0);
        assertEquals(169 * 60, week.minutesWithin(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void amountsAreRoundedHalfUpToTheCurrencysUnit() {
        assertEquals(new BigDecimal("6.88"), Rate.amount(new BigDecimal("27.50"), "USD", 15));
        assertEquals(new BigDecimal("13.75"), Rate.amount(new BigDecimal("27.50"), "USD", 30));
        assertEquals(new BigDecimal("6.875000"), Rate.amount(new BigDecimal("27.50"), "USDT", 15), "six decimals");
        assertEquals(new BigDecimal("0.00001667"), Rate.amount(new BigDecimal("0.0001"), "BTC", 10));
    }
}
