package com.ceki.users;

import com.ceki.core.errors.TooManyRequests;
import com.ceki.core.random.SecureRandoms;
import com.ceki.storage.AttemptLimit;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.Throttle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Six-digit one-time passwords per email address ({@code OTP#<email>}): from a CSPRNG, stored as an HMAC under a
 * server-side pepper, valid 10 minutes, single use, dead after 5 wrong tries (each try is spent atomically before
 * the comparison). A new one at most once a minute and at most {@link #DAILY_CAP} a day per address. Email is the
 * single factor here, so these limits are what stands between an attacker and an account.
 */
public final class OneTimePasswords {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
    public static final int MAX_ATTEMPTS = 5;
    public static final int DAILY_CAP = 10;

    /** A new code and when it expires; the code is for the email only, never returned to the caller. */
    public record Issued(String code, Instant expiresAt) {}

    private final Table table;
    private final byte[] pepper;
    private final Clock clock;
    private final Throttle resend;
    private final AttemptLimit daily;

    public OneTimePasswords(Table table, String pepper, Clock clock) {
        if (pepper == null || pepper.length() < 16) {
            throw new IllegalStateException("The OTP pepper must be a secret of at least 16 characters");
        }
        this.table = table;
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.resend = new Throttle(table, "otp", RESEND_INTERVAL);
        this.daily = new AttemptLimit(table, "otp-day", DAILY_CAP, Duration.ofDays(1));
    }

    /** Counts a request for a code against the address's limits (429 when over), known address or not. */
    public void throttle(String email) {
        String key = email.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        resend.hit(key, now).ifPresent(wait -> {
            throw new TooManyRequests(wait);
        });
        daily.attempt(key, now).ifPresent(wait -> {
            throw new TooManyRequests(wait);
        });
    }

    /** Replaces the address's pending code with a new one. */
    public Issued issue(String email) {
        Instant now = clock.instant();
        String code = String.format("%06d", SecureRandoms.get().nextInt(1_000_000));
        Instant expires = now.plus(LIFETIME);
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(Keys.otp(email), "OTP")
                .s("code_hash", hash(email, code)).n("attempts", 0).n("otp_expires_at", expires.getEpochSecond())
                .n("expires_at", expires.plus(Duration.ofDays(1)).getEpochSecond()).map()));
        return new Issued(code, expires);
    }

    /** Uses the pending code if {@code code} is it: true once; false for a wrong, expired, spent or dead code. */
    public boolean consume(String email, String code) {
        Item state;
        try {
            state = Item.from(table.client().updateItem(u -> u.tableName(table.name())
                    .key(Item.key(Keys.otp(email), "OTP").map())
                    .updateExpression("ADD attempts :one")
                    .conditionExpression("attribute_exists(code_hash) AND attempts < :max")
                    .expressionAttributeValues(Map.of(":one", Item.attr(1), ":max", Item.attr(MAX_ATTEMPTS)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() >= state.number("otp_expires_at", 0)) {
            return false;
        }
        String stored = state.string("code_hash");
        if (!MessageDigest.isEqual(hash(email, code).getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try { // single use: only the request that deletes this very code wins
            table.client().deleteItem(d -> d.tableName(table.name()).key(Item.key(Keys.otp(email), "OTP").map())
                    .conditionExpression("code_hash = :h")
                    .expressionAttributeValues(Map.of(":h", Item.attr(stored))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Whether {@code candidate} has the shape of a code (else it can only be a password). */
    public static boolean looksLikeCode(String candidate) {
        return candidate != null && candidate.matches("\\d{6}");
    }


    private String hash(String email, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((email.toLowerCase(Locale.ROOT) + ":" + code)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
