package com.ceki.core.money;

import java.util.Optional;

/** The currencies a wallet can hold, the chain each lives on and its on-chain precision. */
public enum Currency {
    BTC(Chain.BITCOIN, 8),
    ETH(Chain.ETHEREUM, 18),
    USDT(Chain.ETHEREUM, 6),
    USDC(Chain.ETHEREUM, 6);

    private final Chain chain;
    private final int decimals;

    Currency(Chain chain, int decimals) {
        this.chain = chain;
        this.decimals = decimals;
    }

    public Chain chain() {
        return chain;
    }

    /** Decimal places of the smallest on-chain unit (satoshi, wei, token base unit). */
    public int decimals() {
        return decimals;
    }

    /** Stablecoins count 1:1 with USD. */
    public boolean isUsdStable() {
        return this == USDT || this == USDC;
    }

    /** Exact, case-sensitive parse of the API's currency codes. */
    public static Optional<Currency> parse(String code) {
        for (Currency c : values()) {
            if (c.name().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
