package com.ceki.contracts;

import java.time.Instant;

/**
 * A person on a contract: their role and levels, whether they accepted ({@code statusId} 100 pending, 200
 * accepted, 400 declined: only an accepted hand grants anything), their weekly cap in hours ({@code limit}, 0 =
 * none), and their work clock (the running time entry, and the last one stopped, which a repeated stop returns).
 */
public record Hand(long id, long contractId, long userId, ContractRole role, int read, int write, int statusId,
                   int limit, Long invitedBy, Long runningEventId, Instant runningSince, Long lastStoppedEventId,
                   Instant createdAt, Instant updatedAt) {

    public static final int PENDING = 100;
    public static final int ACCEPTED = 200;
    public static final int DECLINED = 400;

    public boolean accepted() {
        return statusId == ACCEPTED;
    }

    public boolean may(ContractOperation operation) {
        return accepted() && operation.allows(role, read, write);
    }

    public Hand withRole(ContractRole newRole, int newRead, int newWrite, int newLimit, Instant now) {
        return new Hand(id, contractId, userId, newRole, newRead, newWrite, statusId, newLimit, invitedBy, runningEventId,
                runningSince, lastStoppedEventId, createdAt, now);
    }

    public Hand withStatus(int status, Instant now) {
        return new Hand(id, contractId, userId, role, read, write, status, limit, invitedBy, runningEventId, runningSince,
                lastStoppedEventId, createdAt, now);
    }
}
