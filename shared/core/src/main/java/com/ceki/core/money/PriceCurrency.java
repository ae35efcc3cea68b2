package com.ceki.core.money;

import java.util.Arrays;
import java.util.Optional;

/**
 * The currencies prices and contract money may be in, each with the decimals of its smallest unit: cents for
 * fiat money, the token unit for stablecoins, satoshi, wei. An amount with more decimals than its currency has is
 * refused, never rounded.
 */
public enum PriceCurrency {
    USD(2), EUR(2), GBP(2), RUB(2), USDT(6), USDC(6), BTC(8), ETH(18);

    private final int decimals;

    PriceCurrency(int decimals) {
        this.decimals = decimals;
    }

    public int decimals() {
        return decimals;
    }

    /** Exact, case-sensitive parse of a currency code. */
    public static Optional<PriceCurrency> parse(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
    }

    /** Every code, for the validators' {@code in(...)} rule. */
    public static String[] codes() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
