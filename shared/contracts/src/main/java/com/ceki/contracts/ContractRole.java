package com.ceki.contracts;

import java.util.Locale;
import java.util.Optional;

/**
 * A hand's role on a contract (API.md: 1 owner, 2 manager, 3 member, 4 client, 5 accountant, 6 viewer) and the
 * {@code read}/{@code write} levels (0 none .. 5 all) it gets when none are given. What each role may do is
 * {@link ContractOperation}'s matrix.
 */
public enum ContractRole {
    OWNER(1, 5, 5),
    MANAGER(2, 5, 5),
    MEMBER(3, 2, 2),
    CLIENT(4, 3, 3),
    ACCOUNTANT(5, 3, 3),
    VIEWER(6, 2, 0);

    public static final int MAX_LEVEL = 5;

    private final int id;
    private final int defaultRead;
    private final int defaultWrite;

    ContractRole(int id, int defaultRead, int defaultWrite) {
        this.id = id;
        this.defaultRead = defaultRead;
        this.defaultWrite = defaultWrite;
    }

    public int id() {
        return id;
    }

    public int defaultRead() {
        return defaultRead;
    }

    public int defaultWrite() {
        return defaultWrite;
    }

    /** The role's name on the wire ({@code "manager"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContractRole> of(long id) {
        for (ContractRole role : values()) {
            if (role.id == id) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** A role by id ({@code 2}, {@code "2"}) or name ({@code "manager"}), as the reference's {@code role} string. */
    public static Optional<ContractRole> parse(String text) {
        if (text.matches("\\d{1,2}")) {
            return of(Integer.parseInt(text));
        }
        for (ContractRole role : values()) {
            if (role.wireName().equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
