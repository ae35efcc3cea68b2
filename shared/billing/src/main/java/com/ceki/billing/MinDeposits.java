package com.ceki.billing;

import com.ceki.core.config.Config;
import com.ceki.core.money.Currency;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * The smallest deposit credited per currency ({@code MIN_DEPOSIT_BTC}, ...): smaller ones are recorded but not
 * credited, since their network fees would exceed their worth.
 */
public final class MinDeposits {

    private final Map<Currency, BigDecimal> minimums = new EnumMap<>(Currency.class);

    public MinDeposits(Config config) {
        minimums.put(Currency.BTC, config.decimal("MIN_DEPOSIT_BTC", "0.0001"));
        minimums.put(Currency.ETH, config.decimal("MIN_DEPOSIT_ETH", "0.01"));
        minimums.put(Currency.USDT, config.decimal("MIN_DEPOSIT_USDT", "1.00"));
        minimums.put(Currency.USDC, config.decimal("MIN_DEPOSIT_USDC", "1.00"));
    }

    public BigDecimal of(Currency currency) {
        return minimums.get(currency);
    }
}
