package com.ceki.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.money.PriceCurrency;
import org.junit.jupiter.api.Test;

class PriceCurrencyTest {

    @Test
    void codesAndDecimals() {
        assertArrayEquals(new String[] {"USD", "EUR", "GBP", "RUB", "USDT", "USDC", "BTC", "ETH"}, PriceCurrency.codes());
        assertEquals(2, PriceCurrency.decimalsOf("USD"));
        assertEquals(6, PriceCurrency.decimalsOf("USDC"));
        assertEquals(8, PriceCurrency.decimalsOf("BTC"));
        assertEquals(18, PriceCurrency.decimalsOf("ETH"));
        assertEquals(PriceCurrency.MAX_DECIMALS, PriceCurrency.decimalsOf(null), "unknown: the loosest");
        assertTrue(PriceCurrency.parse("usd").isEmpty(), "exact codes only");
    }
}
