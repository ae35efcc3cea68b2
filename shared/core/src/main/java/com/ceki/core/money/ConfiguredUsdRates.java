package com.ceki.core.money;

import com.ceki.core.config.Config;
import java.math.BigDecimal;

/**
 * Rates from configuration ({@code RATE_BTC_USD}, {@code RATE_ETH_USD}); stablecoins are 1:1. Enough to quote
 * deposit amounts at registration; billing replaces this with a live source that has a maximum age.
 */
public final class ConfiguredUsdRates implements UsdRates {

    private final BigDecimal btc;
    private final BigDecimal eth;

    public ConfiguredUsdRates(Config config) {
        this.btc = config.decimal("RATE_BTC_USD", "100000");
        this.eth = config.decimal("RATE_ETH_USD", "4000");
        if (btc.signum() <= 0 || eth.signum() <= 0) {
            throw new IllegalStateException("Exchange rates must be positive");
        }
    }

    @Override
    public BigDecimal usdPerUnit(Currency currency) {
        return switch (currency) {
            case BTC -> btc;
            case ETH -> eth;
            case USDT, USDC -> BigDecimal.ONE;
        };
    }
}
