package com.ceki.users;

import com.ceki.auth.UserTokens;
import com.ceki.core.email.EmailMessage;
import com.ceki.core.email.Mailer;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.TooManyRequests;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.storage.AttemptLimit;
import com.ceki.storage.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Signing people up and in with a one-time password sent by email (or a password, once they set one). Unknown
 * and known addresses get the same answers from {@code loginrequest} and the same 422 from {@code login}.
 */
public final class UserAuth {

    /** A signed-in user and their token. */
    public record Session(User user, UserTokens.Issued token) {}

    private static final int LOGIN_ATTEMPTS = 10;

    private final UserRepository users;
    private final OneTimePasswords otps;
    private final UserTokens tokens;
    private final Mailer mailer;
    private final IdGenerator ids;
    private final Clock clock;
    private final AttemptLimit logins;

    public UserAuth(Table table, UserRepository users, OneTimePasswords otps, UserTokens tokens, Mailer mailer,
                    IdGenerator ids, Clock clock) {
        this.users = users;
        this.otps = otps;
        this.tokens = tokens;
        this.mailer = mailer;
        this.ids = ids;
        this.clock = clock;
        this.logins = new AttemptLimit(table, "login", LOGIN_ATTEMPTS, Duration.ofMinutes(15));
    }

    /** Creates the account and emails its first code; returns the seconds until another code may be asked for. */
    public long register(String email, String name, String phone, String password, boolean tovarisch) {
        if (users.findIdByEmail(email).isPresent()) {
            throw ValidationFailed.of("email", "The email has already been taken.");
        }
        otps.throttle(email);
        try {
            users.create(ids.next(), email, name, phone, password == null ? null : Passwords.hash(password), tovarisch,
                    clock.instant());
        } catch (UserRepository.EmailTaken e) {
            throw ValidationFailed.of("email", "The email has already been taken.");
        }
        send(email, otps.issue(email));
        return OneTimePasswords.RESEND_INTERVAL.toSeconds();
    }

    /** Emails a code to a known address; to an unknown one nothing is sent, but the answer is the same. */
    public Instant requestCode(String email) {
        otps.throttle(email);
        Instant expires = clock.instant().plus(OneTimePasswords.LIFETIME);
        if (users.findIdByEmail(email).isPresent()) {
            OneTimePasswords.Issued issued = otps.issue(email);
            send(email, issued);
            expires = issued.expiresAt();
        }
        return expires;
    }

    /** {@code password} is the pending one-time password, or the account's password if it has one. */
    public Session login(String email, String password) {
        logins.attempt(email.toLowerCase(Locale.ROOT), clock.instant()).ifPresent(wait -> {
            throw new TooManyRequests(wait);
        });
        var id = users.findIdByEmail(email);
        boolean ok = false;
        if (id.isPresent()) {
            if (OneTimePasswords.looksLikeCode(password) && otps.consume(email, password)) {
                users.markEmailVerified(id.get(), clock.instant());
                ok = true;
            } else {
                ok = Passwords.matches(password, users.passwordHash(id.get()).orElse(null));
            }
        }
        if (!ok) {
            throw ValidationFailed.of("email", "These credentials do not match our records.");
        }
        return session(id.get());
    }

    /**
     * Confirms an address with the code sent to it: a registration, or a pending email change (which then takes
     * effect). Signs the user in.
     */
    public Session verify(String email, String code) {
        var id = users.findIdByEmail(email);
        if (id.isPresent()) {
            if (!otps.consume(email, code)) {
                throw invalidOtp();
            }
            users.markEmailVerified(id.get(), clock.instant());
            return session(id.get());
        }
        var changing = users.pendingEmailOwner(email, clock.instant());
        if (changing.isEmpty() || !otps.consume(email, code)) {
            throw invalidOtp();
        }
        User user = users.find(changing.get()).orElseThrow(UserAuth::invalidOtp);
        try {
            users.changeEmail(user.id(), user.email(), email, clock.instant());
        } catch (UserRepository.EmailTaken e) {
            throw ValidationFailed.of("email", "The email has already been taken.");
        }
        return session(user.id());
    }

    private static ValidationFailed invalidOtp() {
        return ValidationFailed.of("otp", "The otp is invalid or has expired.");
    }

    private Session session(long userId) {
        User user = users.find(userId).orElseThrow();
        if (user.banned()) {
            throw new Forbidden("This account is banned.");
        }
        return new Session(user, tokens.issue(userId));
    }

    private void send(String email, OneTimePasswords.Issued issued) {
        sendCode(mailer, email, issued);
    }

    /** Emails a code (a mail failure is logged: the caller may ask for a new code). */
    static void sendCode(Mailer mailer, String email, OneTimePasswords.Issued issued) {
        String text = "Your sign-in code is " + issued.code() + ".\nIt is valid for "
                + OneTimePasswords.LIFETIME.toMinutes() + " minutes and can be used once.\n";
        String html = "<p>Your sign-in code is <strong>" + issued.code() + "</strong>.</p><p>It is valid for "
                + OneTimePasswords.LIFETIME.toMinutes() + " minutes and can be used once.</p>";
        try {
            mailer.send(new EmailMessage(email, "Your sign-in code: " + issued.code(), text, html));
        } catch (RuntimeException e) {
            System.err.println("WARN sign-in code not sent: " + e.getClass().getSimpleName());
        }
    }
}
