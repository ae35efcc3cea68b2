package com.ceki.billing;

import com.ceki.core.money.Currency;
import java.math.BigDecimal;

/** A wallet of one currency with its derived deposit address. The balance changes only with a ledger entry. */
public record Wallet(long id, Currency currency, BigDecimal balance, String depositAddress, long addressIndex) {}
