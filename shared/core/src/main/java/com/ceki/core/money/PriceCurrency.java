package com.ceki.core.money;

import java.util.Arrays;
import java.util.Optional;

/**
 * The currencies prices and contract money may be in, with the decimal places an amount of each may have: a price
 * with more is refused, never rounded. (Wallets hold only the crypto ones: {@link Currency}.)
 */
public enum PriceCurrency {
    USD(2),
    EUR(2),
    GBP(2),
    RUB(2),
    USDT(6),
    USDC(6),
    BTC(8),
    ETH(18);

    /** The most decimals any of them has: the limit where an amount's currency is not known. */
    public static final int MAX_DECIMALS = Arrays.stream(values()).mapToInt(PriceCurrency::decimals).max().orElseThrow();

    private static final String[] CODES = Arrays.stream(values()).map(Enum::name).toArray(String[]::new);

    private final int decimals;

    PriceCurrency(int decimals) {
        this.decimals = decimals;
    }

    /** Decimal places an amount in this currency may have. */
    public int decimals() {
        return decimals;
    }

    /** Exact, case-sensitive parse of the API's currency codes. */
    public static Optional<PriceCurrency> parse(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
    }

    /** The decimals of {@code code}, or {@link #MAX_DECIMALS} when it is absent or not one of these. */
    public static int decimalsOf(String code) {
        return parse(code).map(PriceCurrency::decimals).orElse(MAX_DECIMALS);
    }

    /** Every code, in the order above. */
    public static String[] codes() {
        return CODES.clone();
    }
}
