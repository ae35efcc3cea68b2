package com.ceki.core.random;

import java.security.SecureRandom;

/**
 * The one {@link SecureRandom} of the process, made on first use rather than when a class loads. Under Lambda
 * SnapStart everything made during init is in the snapshot that every restored copy shares: a generator seeded then
 * would be seeded alike in all of them. Nothing mints an id, a key, a code or a secret during init or priming, so the
 * first use, and with it the seeding, happens after a restore.
 */
public final class SecureRandoms {

    private static volatile SecureRandom instance;

    private SecureRandoms() {}

    public static SecureRandom get() {
        SecureRandom random = instance;
        if (random == null) {
            synchronized (SecureRandoms.class) {
                random = instance;
                if (random == null) {
                    random = new SecureRandom();
                    instance = random;
                }
            }
        }
        return random;
    }
}
