package com.ceki.deposits;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A confirmed transfer to one of our deposit addresses, as found on chain. {@code index} is the log index of an
 * ERC-20 transfer, {@code native} for an Ether transfer, or the output index of a Bitcoin transaction: with the
 * chain and the transaction it identifies the deposit forever.
 */
public record Deposit(Chain chain, Currency currency, String txHash, String index, long blockNumber, String blockHash,
                      String toAddress, BigDecimal amount) {

    /** The key that makes the credit happen at most once. */
    public String key() {
        return chain + ":" + txHash.toLowerCase(Locale.ROOT) + ":" + index;
    }
}
