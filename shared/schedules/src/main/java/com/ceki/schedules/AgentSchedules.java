package com.ceki.schedules;

import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import java.time.Clock;
import java.time.Instant;

/** Agent schedules: create (the billed work), read and update the caller's own, list public ones. */
public final class AgentSchedules {

    public static final int PER_PAGE = 50;

    private final ScheduleRepository schedules;
    private final IdGenerator ids;
    private final Clock clock;

    public AgentSchedules(ScheduleRepository schedules, IdGenerator ids, Clock clock) {
        this.schedules = schedules;
        this.ids = ids;
        this.clock = clock;
    }

    /** Checks what only the table can tell (the calendar is the agent's), before anything is charged. */
    public void checkCanCreate(long agentId, ScheduleRules.Input input) {
        if (!schedules.kalBelongsTo(agentId, input.kalId())) {
            throw ValidationFailed.of("kal_id", "The selected kal id is invalid.");
        }
    }

    public AgentSchedule create(long agentId, ScheduleRules.Input input) {
        Instant now = clock.instant();
        return ids.withUnusedId("schedule", id -> {
            AgentSchedule schedule = new AgentSchedule(id, agentId, input.kalId(), input.settings(), input.start(),
                    input.end(), input.timezone(), input.isPrivate(), now, now);
            return schedules.put(schedule, true) ? schedule : null;
        });
    }

    public AgentSchedule get(long agentId, long scheduleId) {
        return schedules.find(agentId, scheduleId).orElseThrow(() -> new NotFound("Schedule not found."));
    }

    public AgentSchedule update(long agentId, long scheduleId, ScheduleRules.Input patch) {
        AgentSchedule current = get(agentId, scheduleId);
        if (patch.kalId() != null && !schedules.kalBelongsTo(agentId, patch.kalId())) {
            throw ValidationFailed.of("kal_id", "The selected kal id is invalid.");
        }
        AgentSchedule updated = new AgentSchedule(current.id(), agentId,
                patch.kalId() != null ? patch.kalId() : current.kalId(),
                patch.settings() != null ? patch.settings() : current.settings(),
                patch.start() != null ? patch.start() : current.start(),
                patch.endPresent() ? patch.end() : current.end(),
                patch.timezone() != null ? patch.timezone() : current.timezone(),
                patch.isPrivate() != null ? patch.isPrivate() : current.isPrivate(),
                current.createdAt(), clock.instant());
        ScheduleRules.requireOrder(updated.start(), updated.end());
        if (!schedules.put(updated, false)) {
            throw new NotFound("Schedule not found.");
        }
        return updated;
    }

    public ScheduleRepository.Page owned(long agentId, int page) {
        return schedules.owned(agentId, page, PER_PAGE);
    }

    public ScheduleRepository.Page publicOnes(long agentId, int page, int perPage) {
        return schedules.publicOnes(agentId, page, perPage);
    }
}
