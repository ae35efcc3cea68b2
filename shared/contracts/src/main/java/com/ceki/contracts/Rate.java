package com.ceki.contracts;

import com.ceki.core.money.PriceCurrency;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What a hand's time is billed at (the reference's hand {@code schedule}): {@code price} per hour in
 * {@code currency}, with the schedule's other terms ({@code duration}, {@code msp}, {@code settings}: credit, break,
 * days, hours) kept as given. Its id is the hand's {@code schedule_id}.
 */
public record Rate(long id, BigDecimal price, String currency, Integer duration, long msp, String label,
                   String description, String timezone, Instant start, Instant end, ObjectNode settings) {

    /**
     * What {@code minutes} of time cost at this rate: computed once, when the time is booked, rounded half up to the
     * currency's smallest unit (cents for USD: 15 minutes at 27.50/h is 6.88), and stored; totals add stored amounts.
     */
    public BigDecimal amountFor(long minutes) {
        return amount(price, currency, minutes);
    }

    /** What {@code minutes} cost at {@code hourly} in {@code currency} (see {@link #amountFor}). */
    public static BigDecimal amount(BigDecimal hourly, String currency, long minutes) {
        int decimals = PriceCurrency.decimalsOf(currency);
        return hourly.multiply(BigDecimal.valueOf(minutes)).divide(BigDecimal.valueOf(60), decimals, RoundingMode.HALF_UP);
    }
}
