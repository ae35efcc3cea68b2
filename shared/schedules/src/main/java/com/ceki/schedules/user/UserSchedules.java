package com.ceki.schedules.user;

import com.ceki.calendars.KalRepository;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.ceki.schedules.ScheduleRules;
import com.ceki.schedules.availability.Availability;
import com.ceki.users.OwnFiles;
import com.ceki.users.User;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A person's schedules and their members: create, read, change, and who may do which ({@link ScheduleRole}).
 * Checks that need the table (the calendar and files are the caller's, the parent is readable) come before any
 * write, so a refused request writes nothing.
 */
public final class UserSchedules {

    private static final Set<String> MEMBER_FIELDS = Set.of("role_id", "read", "write", "user_id");

    /** A schedule with the caller's role on it. */
    public record Accessed(UserSchedule schedule, ScheduleRole role) {}

    /** A member and their profile. */
    public record Member(Membership membership, User user) {}

    private final UserScheduleRepository schedules;
    private final ScheduleMembers members;
    private final KalRepository kals;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public UserSchedules(UserScheduleRepository schedules, ScheduleMembers members, KalRepository kals,
                         UserRepository users, IdGenerator ids, Clock clock) {
        this.schedules = schedules;
        this.members = members;
        this.kals = kals;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /** The schedule and the caller's role on it; 404 when it does not exist. */
    public Accessed access(long callerId, long scheduleId) {
        UserSchedule schedule = schedules.find(scheduleId).orElseThrow(() -> new NotFound("Schedule not found."));
        Optional<Membership> membership = schedule.userId() == callerId ? Optional.empty() : members.find(scheduleId, callerId);
        return new Accessed(schedule, ScheduleRole.of(schedule, callerId, membership));
    }

    /** A schedule of a banned person takes no bookings: to the booker it no longer exists (its search listing is gone). */
    public void requireOwnerNotBanned(UserSchedule schedule) {
        if (users.find(schedule.userId()).map(User::banned).orElse(true)) {
            throw new NotFound("Schedule not found.");
        }
    }

    public UserSchedule get(long callerId, long scheduleId) {
        Accessed accessed = access(callerId, scheduleId);
        accessed.role().requireRead();
        return accessed.schedule();
    }

    /** {@code POST /api/schedules}, and {@code PUT /api/schedules} without an id. */
    public UserSchedule create(long callerId, UserScheduleRules.Input input, boolean generateEvents) {
        checkReferences(callerId, input);
        Instant now = clock.instant();
        return ids.withUnusedId("schedule", id -> {
            UserSchedule schedule = build(id, callerId, input, generateEvents, now, now);
            return schedules.put(schedule, true) ? schedule : null;
        });
    }

    /**
     * {@code PUT /api/schedules/{schedule}} and {@code PUT /api/schedules} with an id: replaces what the request
     * requires (label, private, settings, currency) and keeps every optional field it does not send.
     */
    public UserSchedule replace(long callerId, long scheduleId, UserScheduleRules.Input input, boolean generateEvents) {
        Accessed accessed = access(callerId, scheduleId);
        accessed.role().requireWrite(ScheduleRole.WRITE_MANAGE);
        UserSchedule current = accessed.schedule();
        checkReferences(current.userId(), input);
        UserScheduleRules.Input merged = new UserScheduleRules.Input(current.id(),
                input.kalId() != null ? input.kalId() : current.kalId(),
                input.typeId() != null ? input.typeId() : current.typeId(), input.label(),
                input.slug() != null ? input.slug() : current.slug(),
                input.description() != null ? input.description() : current.description(),
                input.msp() != null ? input.msp() : Long.valueOf(current.msp()), input.isPrivate(),
                input.timezone() != null ? input.timezone() : current.timezone(),
                input.start() != null ? input.start() : current.start(), input.end() != null ? input.end() : current.end(),
                input.duration() != null ? input.duration() : current.duration(),
                input.price() != null ? input.price() : current.price(), input.currency(), input.settings(),
                input.skills() != null ? input.skills() : current.skills(),
                input.files() != null ? input.files() : current.files(),
                input.parentId() != null ? input.parentId() : current.parentId(),
                input.benefitableId() != null ? input.benefitableId() : current.benefitableId(),
                input.benefitableType() != null ? input.benefitableType() : current.benefitableType(),
                input.billableId() != null ? input.billableId() : current.billableId(),
                input.billableType() != null ? input.billableType() : current.billableType());
        ScheduleRules.requireOrder(merged.start(), merged.end());
        UserSchedule updated = build(current.id(), current.userId(), merged, generateEvents, current.createdAt(), clock.instant());
        if (!schedules.put(updated, false)) {
            throw new NotFound("Schedule not found.");
        }
        return updated;
    }

    // ---- members ----

    public List<Member> members(long callerId, long scheduleId) {
        Accessed accessed = access(callerId, scheduleId);
        accessed.role().requireRead();
        return withUsers(accessed.schedule(), members.all(scheduleId));
    }

    /** Adds or updates members (the body is an array of {role_id, read, write, user_id}); returns all members. */
    public List<Member> addMembers(long callerId, long scheduleId, JsonNode body) {
        Accessed accessed = access(callerId, scheduleId);
        accessed.role().requireWrite(ScheduleRole.WRITE_MANAGE);
        List<Membership> added = readMembers(body);
        Map<Long, User> found = users.findAll(added.stream().map(Membership::userId).toList());
        Validator v = Validator.of(Json.object());
        for (int i = 0; i < added.size(); i++) {
            long userId = added.get(i).userId();
            if (!found.containsKey(userId) || found.get(userId).banned()) {
                v.fail(i + ".user_id", "The selected " + i + ".user id is invalid.");
            } else if (userId == accessed.schedule().userId()) {
                v.fail(i + ".user_id", "The owner of a schedule is not added as a member.");
            }
        }
        v.check();
        List<Membership> current = members.all(scheduleId);
        long newOnes = added.stream().map(Membership::userId).distinct()
                .filter(id -> current.stream().noneMatch(c -> c.userId() == id)).count();
        if (current.size() + newOnes > ScheduleMembers.MAX_MEMBERS) {
            throw ValidationFailed.of("user_id", "A schedule has at most " + ScheduleMembers.MAX_MEMBERS + " members.");
        }
        added.forEach(m -> members.put(scheduleId, m)); // a user listed twice: the later entry is the one kept
        return withUsers(accessed.schedule(), members.all(scheduleId));
    }

    public List<Member> removeMember(long callerId, long scheduleId, long userId) {
        Accessed accessed = access(callerId, scheduleId);
        accessed.role().requireWrite(ScheduleRole.WRITE_MANAGE);
        if (!members.remove(scheduleId, userId)) {
            throw new NotFound("Member not found.");
        }
        return withUsers(accessed.schedule(), members.all(scheduleId));
    }

    private List<Membership> readMembers(JsonNode body) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw ValidationFailed.of("body", "The request body must be a non-empty array of members.");
        }
        if (body.size() > ScheduleMembers.MAX_MEMBERS) {
            throw ValidationFailed.of("body", "At most " + ScheduleMembers.MAX_MEMBERS + " members at once.");
        }
        // The array's items validate under "0.role_id"-style paths, as Laravel names them.
        ObjectNode indexed = Json.object();
        for (int i = 0; i < body.size(); i++) {
            indexed.set(String.valueOf(i), body.get(i));
        }
        Validator v = Validator.of(indexed);
        Instant now = clock.instant();
        List<Membership> result = new ArrayList<>(); // in body order, so that error paths name the right item
        for (int i = 0; i < body.size(); i++) {
            v.object(String.valueOf(i)).required().allowOnly(MEMBER_FIELDS)
                    .fields(m -> readMember(m, now).ifPresent(result::add));
        }
        v.check();
        return result;
    }

    /** One member of the array; empty when a field failed (the failure is on the validator). */
    private static Optional<Membership> readMember(Validator m, Instant now) {
        Long role = m.integer("role_id").required().value();
        if (role != null && role != ScheduleRole.ROLE_OWNER && role != ScheduleRole.ROLE_MANAGER
                && role != ScheduleRole.ROLE_MEMBER && role != ScheduleRole.ROLE_VIEWER) {
            m.fail("role_id", "The selected role id is invalid.");
        }
        Long read = m.integer("read").between(0, 2).value();
        Long write = m.integer("write").between(0, 3).value();
        Long userId = m.integer("user_id").required().min(1).value();
        if (role == null || userId == null || m.hasErrors()) {
            return Optional.empty();
        }
        int r = role.intValue();
        return Optional.of(new Membership(userId, r, read != null ? read.intValue() : ScheduleRole.defaultRead(r),
                write != null ? write.intValue() : ScheduleRole.defaultWrite(r), now));
    }

    private List<Member> withUsers(UserSchedule schedule, List<Membership> memberships) {
        List<Long> userIds = new ArrayList<>();
        userIds.add(schedule.userId());
        memberships.forEach(m -> userIds.add(m.userId()));
        Map<Long, User> found = users.findAll(userIds);
        List<Member> result = new ArrayList<>();
        User owner = found.get(schedule.userId());
        if (owner != null) {
            result.add(new Member(new Membership(owner.id(), ScheduleRole.ROLE_OWNER, 2, ScheduleRole.WRITE_MANAGE,
                    schedule.createdAt()), owner));
        }
        memberships.stream().filter(m -> found.containsKey(m.userId()))
                .forEach(m -> result.add(new Member(m, found.get(m.userId()))));
        return result;
    }

    // ---- shared ----

    private void checkReferences(long ownerId, UserScheduleRules.Input input) {
        Validator v = Validator.of(Json.object());
        if (input.kalId() != null && !kals.belongsTo(ownerId, input.kalId())) {
            v.fail("kal_id", "The selected kal id is invalid.");
        }
        new OwnFiles(users).check(v, ownerId, "files", input.files());
        if (input.parentId() != null) {
            Optional<UserSchedule> parent = schedules.find(input.parentId());
            if (parent.isEmpty() || parent.get().userId() != ownerId) {
                v.fail("parent_id", "The selected parent id is invalid.");
            }
        }
        v.check();
    }

    private static UserSchedule build(long id, long ownerId, UserScheduleRules.Input in, boolean generateEvents,
                                      Instant created, Instant updated) {
        ObjectNode settings = in.settings().deepCopy();
        Integer duration = in.duration() != null ? in.duration()
                : Availability.intOf(settings.get("duration"));
        if (generateEvents && duration != null && (!settings.has("events") || settings.get("events").isEmpty())) {
            settings.set("events", Availability.generateEvents(settings, duration));
        }
        BigDecimal price = in.price() != null ? in.price()
                : settings.hasNonNull("price") ? settings.get("price").decimalValue() : null;
        String currency = in.currency() != null ? in.currency()
                : settings.hasNonNull("currency") ? settings.get("currency").asText() : null;
        ArrayNode skills = in.skills() != null ? in.skills() : Json.array();
        return new UserSchedule(id, ownerId, in.kalId(), in.typeId() != null ? in.typeId() : 1, in.label(), in.slug(),
                in.description(), in.msp() != null ? in.msp() : 0, in.isPrivate(),
                in.timezone() != null ? in.timezone() : "UTC", in.start(), in.end(), duration, price, currency, settings,
                skills, in.files() != null ? in.files() : List.of(), in.parentId(), in.benefitableId(),
                in.benefitableType(), in.billableId(), in.billableType(), UserSchedule.STATUS_ACTIVE, created, updated);
    }
}
