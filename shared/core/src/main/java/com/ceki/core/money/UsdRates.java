package com.ceki.core.money;

import java.math.BigDecimal;

/** How many US dollars one unit of a currency is worth now. */
public interface UsdRates {

    BigDecimal usdPerUnit(Currency currency);
}
