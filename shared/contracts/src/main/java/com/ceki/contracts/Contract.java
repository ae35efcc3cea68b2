package com.ceki.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Paid work under agreed terms: its owner ({@code ownerId}, the user of its role-1 hand; {@code userId} created it),
 * its window and zone, its value ({@code amount} in {@code currency}), and the money recorded against it per
 * currency: what payments paid of its transactions, and what they paid beyond them (credit, never lost); and how
 * many events of each type it has, kept in the transactions that create and delete them (listings take their totals from them).
 */
public record Contract(long id, long userId, long ownerId, String label, String description, int statusId,
                       Instant start, Instant end, String timezone, boolean isPrivate, boolean credit,
                       BigDecimal amount, String currency, Long parentId, Long kalId, ObjectNode settings,
                       List<Long> files, Map<String, Money> money, Map<Integer, Long> eventCounts, Instant createdAt,
                       Instant updatedAt) {

    public static final int STATUS_ACTIVE = 100;

    /** Money recorded against a contract in one currency. */
    public record Money(BigDecimal paid, BigDecimal credit) {}

    public Contract {
        files = files == null ? List.of() : List.copyOf(files);
        money = money == null ? Map.of() : Map.copyOf(money);
        eventCounts = eventCounts == null ? Map.of() : Map.copyOf(eventCounts);
    }
}
