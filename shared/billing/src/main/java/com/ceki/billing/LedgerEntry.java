package com.ceki.billing;

import com.ceki.core.money.Currency;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * One movement of money, never changed once written: a {@code deposit} or {@code refund} (positive) or a
 * {@code charge} (negative). A wallet's balance is the sum of its currency's entries.
 */
public record LedgerEntry(long id, Type type, BigDecimal amount, Currency currency, String description, Instant createdAt) {

    public enum Type {
        DEPOSIT, CHARGE, REFUND;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
