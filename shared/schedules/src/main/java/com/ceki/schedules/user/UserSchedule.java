package com.ceki.schedules.user;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A person's schedule: when they can be booked (type 1 availability), a service (2) or a job (3). {@code settings}
 * holds the availability rules (days, hours, repeat, templates); {@code price} per {@code duration} minutes in
 * {@code currency}. The owner is {@code userId}; members come from {@link ScheduleMembers}.
 */
public record UserSchedule(long id, long userId, Long kalId, int typeId, String label, String slug, String description,
                           long msp, boolean isPrivate, String timezone, Instant start, Instant end, Integer duration,
                           BigDecimal price, String currency, ObjectNode settings, ArrayNode skills, List<Long> files,
                           Long parentId, Long benefitableId, String benefitableType, Long billableId,
                           String billableType, int statusId, Instant createdAt, Instant updatedAt) {

    /** Active; the only status schedules have for now (the reference lists {@code status_id} without values). */
    public static final int STATUS_ACTIVE = 1;
}
