package com.ceki.contracts;

import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;

/**
 * A contract and the caller's hand on it (null when they have none). Every contract route asks this, and through
 * it {@link ContractOperation}'s matrix: whoever is not an accepted hand gets 404 (the contract's existence is not
 * revealed), a hand whose role or levels do not allow the operation 403.
 */
public record ContractAccess(Contract contract, Hand hand) {

    public boolean isMember() {
        return hand != null && hand.accepted();
    }

    public boolean may(ContractOperation operation) {
        return isMember() && hand.may(operation);
    }

    /** Throws 404 for a non-member, 403 for a member who may not do {@code operation}. */
    public ContractAccess require(ContractOperation operation) {
        if (!isMember()) {
            throw notFound();
        }
        if (!hand.may(operation)) {
            throw new Forbidden("Your role on this contract does not allow this.");
        }
        return this;
    }

    /** Whether {@code userId} is the caller (own events and time need less than others'). */
    public boolean isCaller(Long userId) {
        return userId != null && hand != null && hand.userId() == userId;
    }

    public static NotFound notFound() {
        return new NotFound("Contract not found.");
    }
}
