package com.ceki.core.auth;

import com.ceki.core.crypto.Hashes;
import com.ceki.core.random.SecureRandoms;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Agent API keys: {@code ceki_} and 40 base62 characters from a CSPRNG (about 238 bits). Only the SHA-256 of a
 * key is stored: a key has enough entropy that a fast hash cannot be brute-forced, and the hash is the lookup key.
 */
public final class ApiKeys {

    public static final String PREFIX = "ceki_";
    private static final int RANDOM_CHARS = 40;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("ceki_[0-9A-Za-z]{32,128}");

    private ApiKeys() {}

    public static String generate() {
        StringBuilder key = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            key.append(BASE62[SecureRandoms.get().nextInt(BASE62.length)]);
        }
        return key.toString();
    }

    /** Whether a string has the shape of a key at all; malformed keys are rejected without a lookup. */
    public static boolean wellFormed(String key) {
        return key != null && FORMAT.matcher(key).matches();
    }

    public static String hash(String key) {
        return Hashes.sha256Hex(key);
    }

    /** What may be shown of a key after it was issued: {@code ceki_a1b2}. */
    public static String displayPrefix(String key) {
        return key.substring(0, PREFIX.length() + 4);
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), or null. */
    public static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() < 8 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = trimmed.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
