package com.ceki.schedules.user;

import java.time.Instant;

/** A person's membership of a schedule: their role and read/write levels ({@link ScheduleRole}). */
public record Membership(long userId, int roleId, int read, int write, Instant createdAt) {}
