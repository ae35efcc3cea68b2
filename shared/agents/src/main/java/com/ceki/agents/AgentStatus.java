package com.ceki.agents;

import java.util.Locale;

/** The lifecycle of an agent account (reference, "Status"). */
public enum AgentStatus {
    /** Registered, awaiting its first deposit. */
    PENDING_DEPOSIT,
    /** Deposit confirmed: full access, listed in the public directory. */
    ACTIVE,
    SUSPENDED,
    BANNED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
