package com.ceki.addresses;

import java.util.Locale;

/**
 * The Bitcoin network deposit addresses are encoded for. Only the bech32 human-readable part differs: the key material
 * is the same, so one account key can serve e.g. mainnet in production and regtest locally.
 */
public enum BitcoinNetwork {
    MAINNET("bc"),
    TESTNET("tb"),
    SIGNET("tb"),
    REGTEST("bcrt");

    private final String hrp;

    BitcoinNetwork(String hrp) {
        this.hrp = hrp;
    }

    /** The bech32 human-readable part of this network's SegWit addresses. */
    public String hrp() {
        return hrp;
    }

    /** Case-insensitive parse of "mainnet", "testnet", "signet" or "regtest" (the configuration values). */
    public static BitcoinNetwork parse(String name) {
        if (name != null) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            for (BitcoinNetwork n : values()) {
                if (n.name().equals(upper)) {
                    return n;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown bitcoin network '" + name + "': expected one of mainnet, testnet, signet, regtest");
    }
}
