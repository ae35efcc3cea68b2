package com.ceki.users;

import com.ceki.core.email.Mailer;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;

/** The people a user added by email who have not signed in yet: their creator may edit them, email included. */
public final class CreatedUsers {

    private final UserRepository users;
    private final OneTimePasswords otps;
    private final Mailer mailer;
    private final Clock clock;

    public CreatedUsers(UserRepository users, OneTimePasswords otps, Mailer mailer, Clock clock) {
        this.users = users;
        this.otps = otps;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Edits a user the caller created who has never signed in. Anyone else is not found (or, for one the caller
     * created who now manages their own account, forbidden). A new email waits for the code sent to it.
     *
     * @return the user, and when the email is changing, when its code expires
     */
    public Map.Entry<User, Instant> editCreated(long callerId, long userId, Map<String, Object> changes, String newEmail) {
        User user = users.find(userId).filter(u -> u.createdBy() != null && u.createdBy() == callerId)
                .orElseThrow(() -> new NotFound("User not found."));
        if (user.emailVerifiedAt() != null) {
            throw new Forbidden("This user has signed in and manages their own profile.");
        }
        User updated = changes.isEmpty() ? user : users.update(userId, changes, clock.instant());
        Instant expires = null;
        if (newEmail != null && !newEmail.equalsIgnoreCase(user.email())) {
            if (users.findIdByEmail(newEmail).isPresent()) {
                throw ValidationFailed.of("email", "The email has already been taken.");
            }
            otps.throttle(newEmail);
            OneTimePasswords.Issued issued = otps.issue(newEmail);
            users.requestEmailChange(userId, newEmail, issued.expiresAt());
            UserAuth.sendCode(mailer, newEmail, issued);
            expires = issued.expiresAt();
        }
        return new AbstractMap.SimpleEntry<>(updated, expires);
    }
}
