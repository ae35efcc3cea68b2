package com.ceki.core.money;

/**
 * Derives deposit addresses from configured extended <em>public</em> keys. The server never holds a private key:
 * the same index always yields the same address, so an address can be re-derived and audited at any time.
 */
public interface DepositAddresses {

    /**
     * The receive address at {@code index} (path {@code <account>/0/<index>}) on {@code chain}.
     *
     * @param index a non-hardened child index, 0 .. 2^31-1
     */
    String address(Chain chain, long index);
}
