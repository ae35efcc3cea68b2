package com.ceki.events;

import com.ceki.core.paging.Page;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A person's own calendar: every event they take part in (bookings, contract events, their trackers and copies),
 * found through their attendances by time on GSI1 ({@code USER_EVENTS#<n16 user>}); a kal's events are those of its
 * owner's attendances shown in it. Windows are bounded by the caller (at most a year and a day), so a window is
 * read whole and paged in memory.
 */
public final class PersonalEvents {

    private final Table table;
    private final EventRepository events;

    public PersonalEvents(Table table, EventRepository events) {
        this.table = table;
        this.events = events;
    }

    /** The events {@code userId} attends starting (or dated) within [from, to], by time, not deleted. */
    public Page<Event> window(long userId, Instant from, Instant to, int page, int perPage) {
        return Page.of(inWindow(userId, from, to, null), page, perPage);
    }

    /** The events {@code userId} shows in any of {@code kalIds} within [from, to], deleted ones included. */
    public List<Event> inKals(long userId, Set<Long> kalIds, Instant from, Instant to) {
        return inWindow(userId, from, to, kalIds);
    }

    private List<Event> inWindow(long userId, Instant from, Instant to, Set<Long> kalIds) {
        List<Item> attendances = Queries.all(table, QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.userEvents(userId)),
                        ":from", Item.attr(Timestamps.seconds(from) + "#"), ":to", Item.attr(Timestamps.seconds(to) + "#~")))
                .build());
        List<Long> ids = attendances.stream()
                .filter(a -> kalIds == null || (a.has("kal_id") && kalIds.contains(a.number("kal_id"))))
                .map(a -> a.number("event_id")).toList();
        return events.findAll(ids).values().stream()
                .filter(e -> kalIds != null || !e.isDeleted())
                .sorted(Comparator.comparing(EventRepository::at).thenComparingLong(Event::id)).toList();
    }
}
