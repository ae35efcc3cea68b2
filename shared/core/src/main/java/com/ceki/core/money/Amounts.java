package com.ceki.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions and display scales of money amounts. All arithmetic is {@link BigDecimal}. */
public final class Amounts {

    private Amounts() {}

    /** Digits shown for a currency: cents for USD-like coins, 8 places for BTC and ETH. */
    public static int displayScale(Currency currency) {
        return currency.isUsdStable() ? 2 : 8;
    }

    /** An amount for display, e.g. {@code "20.00"} or {@code "0.00025000"}. */
    public static String format(BigDecimal amount, Currency currency) {
        return amount.setScale(Math.max(displayScale(currency), amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /** A price in any currency (USD, EUR, BTC...): at least two decimals, never rounded ({@code "40.00"}, {@code "0.0005"}). */
    public static String price(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** USD formatted with cents. */
    public static String usd(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** How much of {@code currency} buys {@code usd}, rounded up so the amount always covers it. */
    public static BigDecimal fromUsd(BigDecimal usd, Currency currency, UsdRates rates) {
        return usd.divide(rates.usdPerUnit(currency), displayScale(currency), RoundingMode.CEILING);
    }
}
