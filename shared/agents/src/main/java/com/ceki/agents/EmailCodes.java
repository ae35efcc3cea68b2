package com.ceki.agents;

import com.ceki.core.random.SecureRandoms;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Six-digit email codes. A million possible codes would fall to a plain hash in milliseconds, so a code is stored
 * as an HMAC under a server-side secret (the pepper, from configuration) and bound to its account: a leaked
 * table alone does not reveal live codes.
 */
public final class EmailCodes {


    private final byte[] pepper;

    public EmailCodes(String pepper) {
        if (pepper == null || pepper.length() < 16) {
            throw new IllegalStateException("CODE_PEPPER must be a secret of at least 16 characters");
        }
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
    }

    public String newCode() {
        return String.format("%06d", SecureRandoms.get().nextInt(1_000_000));
    }

    public String hash(long accountId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((accountId + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** Constant-time check of a submitted code against a stored hash. */
    public boolean matches(long accountId, String code, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(
                hash(accountId, code).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
