package com.ceki.contracts;

import static com.ceki.contracts.ContractRole.ACCOUNTANT;
import static com.ceki.contracts.ContractRole.CLIENT;
import static com.ceki.contracts.ContractRole.MANAGER;
import static com.ceki.contracts.ContractRole.MEMBER;
import static com.ceki.contracts.ContractRole.OWNER;
import static com.ceki.contracts.ContractRole.VIEWER;

import java.util.EnumSet;
import java.util.Set;

/**
 * The role matrix of contracts, in one place (docs/contracts.md shows it as a table): for each operation, the roles
 * that may do it at all, and the {@code read} or {@code write} level (0 none .. 5 all) a hand of such a role needs.
 * A hand's levels default from its role ({@link ContractRole#defaultRead}) and narrow what the role allows; they
 * never let a role do what its column does not allow.
 */
public enum ContractOperation {
    READ_CONTRACT(Dimension.READ, 1, OWNER, MANAGER, MEMBER, CLIENT, ACCOUNTANT, VIEWER),
    /** Events one owns or that are for one (one's own time, one's own meetings). */
    READ_OWN_EVENTS(Dimension.READ, 1, OWNER, MANAGER, MEMBER, CLIENT, ACCOUNTANT, VIEWER),
    READ_ALL_EVENTS(Dimension.READ, 2, OWNER, MANAGER, MEMBER, CLIENT, ACCOUNTANT, VIEWER),
    /** Other hands' rates (one's own is always shown). */
    READ_RATES(Dimension.READ, 3, OWNER, MANAGER, CLIENT, ACCOUNTANT),
    READ_BILLS(Dimension.READ, 3, OWNER, MANAGER, CLIENT, ACCOUNTANT),
    /** One's own clock and time entries (and deleting one's own unlocked ones). */
    LOG_OWN_TIME(Dimension.WRITE, 1, OWNER, MANAGER, MEMBER),
    /** Meetings and tasks: create, edit. */
    WRITE_EVENTS(Dimension.WRITE, 2, OWNER, MANAGER, MEMBER, CLIENT),
    LOG_TIME_FOR_OTHERS(Dimension.WRITE, 3, OWNER, MANAGER),
    APPROVE(Dimension.WRITE, 3, OWNER, MANAGER, CLIENT),
    RECORD_PAYMENTS(Dimension.WRITE, 3, OWNER, CLIENT, ACCOUNTANT),
    BILLS(Dimension.WRITE, 3, OWNER, MANAGER, ACCOUNTANT),
    /** Deleting others' transactions. */
    DELETE_TRANSACTIONS(Dimension.WRITE, 4, OWNER, MANAGER),
    EDIT_CONTRACT(Dimension.WRITE, 5, OWNER, MANAGER),
    /** Add, invite and change hands (handing over ownership is the owner's alone). */
    MANAGE_HANDS(Dimension.WRITE, 5, OWNER, MANAGER);

    /** Which of a hand's levels an operation needs. */
    public enum Dimension { READ, WRITE }

    private final Dimension dimension;
    private final int level;
    private final Set<ContractRole> roles;

    ContractOperation(Dimension dimension, int level, ContractRole first, ContractRole... rest) {
        this.dimension = dimension;
        this.level = level;
        this.roles = EnumSet.of(first, rest);
    }

    public Dimension dimension() {
        return dimension;
    }

    public int level() {
        return level;
    }

    public boolean allowsRole(ContractRole role) {
        return roles.contains(role);
    }

    /** Whether a hand of {@code role} with these levels may do this. */
    public boolean allows(ContractRole role, int read, int write) {
        return allowsRole(role) && (dimension == Dimension.READ ? read : write) >= level;
    }
}
