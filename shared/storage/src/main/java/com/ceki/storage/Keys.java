package com.ceki.storage;

import java.util.Locale;

/**
 * Every item type of the single table and its primary key, in one place (docs/data-model.md explains the access
 * patterns each one serves). Partition keys are {@code TYPE#id}; an entity's own item has the type as its sort
 * key, and items it owns sort under it ({@code AGENT#42 / WALLET#USDT}).
 */
public final class Keys {

    public static final String AGENT = "AGENT";
    public static final String AGENT_EMAIL = "AGENT_EMAIL";
    public static final String API_KEY = "API_KEY";
    public static final String WALLET_PREFIX = "WALLET#";
    public static final String KAL_PREFIX = "KAL#";
    public static final String DEPOSIT_ADDRESS = "DEPOSIT_ADDRESS";
    public static final String COUNTER = "COUNTER";

    /** GSI1 partition holding every active agent (the public directory). */
    public static final String DIRECTORY_AGENTS = "DIRECTORY#AGENTS";

    private Keys() {}

    public static String agent(long agentId) {
        return AGENT + "#" + agentId;
    }

    /** Uniqueness guard of an agent email, case-insensitive. */
    public static String agentEmail(String email) {
        return AGENT_EMAIL + "#" + email.toLowerCase(Locale.ROOT);
    }

    /** An API key, found by the SHA-256 of the key: the raw key is never stored. */
    public static String apiKey(String keyHash) {
        return API_KEY + "#" + keyHash;
    }

    public static String wallet(String currency) {
        return WALLET_PREFIX + currency;
    }

    public static String kal(long kalId) {
        return KAL_PREFIX + kalId;
    }

    /** A derived deposit address, mapping it back to its wallet (and guarding against reuse). */
    public static String depositAddress(String chain, String address) {
        return DEPOSIT_ADDRESS + "#" + chain + "#" + address;
    }

    /** An allocation counter (for example the next HD index of a chain). */
    public static String counter(String name) {
        return COUNTER + "#" + name;
    }
}
