package com.ceki.core.money;

/** The blockchains deposits arrive on. USDT and USDC are ERC-20 tokens on Ethereum. */
public enum Chain {
    BITCOIN,
    ETHEREUM
}
