package com.ceki.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Account passwords, hashed with bcrypt (salted, cost 12) from Spring Security's crypto module. bcrypt reads at
 * most 72 bytes and passwords may have 255 characters, so the password is first reduced to its SHA-256 in
 * base64 (44 bytes): every character counts, and no NUL byte can cut it short.
 */
public final class Passwords {

    private static final int COST = 12;

    private Passwords() {}

    public static String hash(String password) {
        return BCrypt.hashpw(prehash(password), BCrypt.gensalt(COST));
    }

    /** bcrypt's own check compares the full hashes. */
    public static boolean matches(String password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        try {
            return BCrypt.checkpw(prehash(password), hash);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String prehash(String password) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
