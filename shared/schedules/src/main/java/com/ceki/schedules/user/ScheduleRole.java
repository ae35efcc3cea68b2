package com.ceki.schedules.user;

import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import java.util.Optional;

/**
 * What a caller may do with a schedule (API.md: roles 1 owner, 2 manager, 3 member, 6 viewer with read/write
 * levels). The owner may do everything; a member as much as their levels allow:
 * <ul>
 *   <li>read >= 1: see the schedule, its members and bookings;</li>
 *   <li>write >= 1: book a private schedule (anyone signed in may book a public one);</li>
 *   <li>write >= 2: relabel bookings and record payments;</li>
 *   <li>write >= 3: change the schedule and its members.</li>
 * </ul>
 * Someone who may not read the schedule gets 404 (its existence is not revealed); a reader lacking the write
 * level gets 403.
 */
public record ScheduleRole(boolean owner, int read, int write) {

    public static final int ROLE_OWNER = 1;
    public static final int ROLE_MANAGER = 2;
    public static final int ROLE_MEMBER = 3;
    public static final int ROLE_VIEWER = 6;

    public static final int WRITE_BOOK = 1;
    public static final int WRITE_EVENTS = 2;
    public static final int WRITE_MANAGE = 3;

    private static final ScheduleRole NONE = new ScheduleRole(false, 0, 0);
    private static final ScheduleRole OWNER = new ScheduleRole(true, 2, WRITE_MANAGE);

    public static ScheduleRole of(UserSchedule schedule, long callerId, Optional<Membership> membership) {
        if (schedule.userId() == callerId) {
            return OWNER;
        }
        return membership.map(m -> m.roleId() == ROLE_OWNER ? OWNER : new ScheduleRole(false, m.read(), m.write()))
                .orElse(NONE);
    }

    public boolean canRead() {
        return read >= 1;
    }

    /** Throws 404 unless the caller may see the schedule. */
    public void requireRead() {
        if (!canRead()) {
            throw new NotFound("Schedule not found.");
        }
    }

    /** Throws 404 unless the caller may see the schedule, 403 unless they hold {@code level}. */
    public void requireWrite(int level) {
        requireRead();
        if (write < level) {
            throw new Forbidden("Your role on this schedule does not allow this.");
        }
    }

    /** Anyone signed in may book a public schedule; a private one needs a member who may book. */
    public void requireBook(UserSchedule schedule) {
        if (!schedule.isPrivate()) {
            return;
        }
        requireWrite(WRITE_BOOK);
    }

    /** The levels a role gets when a member is added without explicit ones. */
    public static int defaultRead(int roleId) {
        return roleId == ROLE_VIEWER ? 1 : 2;
    }

    public static int defaultWrite(int roleId) {
        return switch (roleId) {
            case ROLE_OWNER, ROLE_MANAGER -> WRITE_MANAGE;
            case ROLE_MEMBER -> WRITE_BOOK;
            default -> 0;
        };
    }
}
