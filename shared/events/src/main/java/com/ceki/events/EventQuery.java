package com.ceki.events;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Which events of a schedule or contract a listing wants, in which order, and which page. A window on the
 * events' time ({@code at}: start, else date, else creation) is the GSI1 sort key range; every other filter is a
 * FilterExpression, so DynamoDB returns only matching items; ordering by time is the index's order (paged as
 * read), any other order sorts the matching items in memory.
 */
public final class EventQuery {

    /** Fields a listing may sort by. */
    public static final Set<String> SORTS = Set.of("id", "start", "end", "date", "amount", "paid", "duration", "label",
            "status_id", "payment_status_id", "type_id", "created_at", "updated_at");
    /** Fields {@code nn[]} may require to be set. */
    public static final Set<String> NOT_NULL_FIELDS = Set.of("amount", "label", "duration", "date", "status_id",
            "payment_status_id", "start", "end");

    private Instant from;
    private Instant to;
    private final Set<Integer> types = new LinkedHashSet<>();
    private final Set<Integer> hiddenTypes = new LinkedHashSet<>();
    private Integer statusId;
    private Integer paymentStatusId;
    private Long userId;
    private Long visibleTo;
    private Instant startsFrom;
    private Instant endsBy;
    private final List<String> notNull = new ArrayList<>();
    private String sortBy = "start";
    private boolean descending = true;
    private int page = 1;
    private int perPage = 15;

    /** Events whose time ({@code at}) is within [from, to]; either may be null. */
    public EventQuery window(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        return this;
    }

    public EventQuery type(Integer typeId) {
        if (typeId != null) {
            types.add(typeId);
        }
        return this;
    }

    /** Leaves events of {@code typeId} out (what the caller's role may not read), whatever {@link #type} asks. */
    public EventQuery hideType(int typeId) {
        hiddenTypes.add(typeId);
        return this;
    }

    public EventQuery status(Integer id) {
        statusId = id;
        return this;
    }

    public EventQuery paymentStatus(Integer id) {
        paymentStatusId = id;
        return this;
    }

    /** Events a person owns or that are for them (the {@code user_id} filter). */
    public EventQuery user(Long id) {
        userId = id;
        return this;
    }

    /** Only what {@code id} may see of a listing their role narrows to their own events. */
    public EventQuery visibleTo(Long id) {
        visibleTo = id;
        return this;
    }

    /** Events starting at or after {@code start} and ending at or before {@code end} (the reference's start/end). */
    public EventQuery within(Instant start, Instant end) {
        startsFrom = start;
        endsBy = end;
        return this;
    }

    public EventQuery notNull(List<String> fields) {
        notNull.addAll(fields);
        return this;
    }

    public EventQuery order(String field, boolean descendingOrder) {
        sortBy = field;
        descending = descendingOrder;
        return this;
    }

    public EventQuery page(int number, int size) {
        page = number;
        perPage = size;
        return this;
    }

    int page() {
        return page;
    }

    int perPage() {
        return perPage;
    }

    /**
     * The total of this listing from per-type counts of the billable's live events, when only types narrow it (then
     * the counts are exact); null when another filter does and the matching items must be counted.
     */
    Long totalFrom(Map<Integer, Long> countsByType) {
        boolean onlyTypes = from == null && to == null && statusId == null && paymentStatusId == null && userId == null
                && visibleTo == null && startsFrom == null && endsBy == null && notNull.isEmpty();
        if (!onlyTypes) {
            return null;
        }
        return countsByType.entrySet().stream().filter(e -> types.isEmpty() || types.contains(e.getKey()))
                .filter(e -> !hiddenTypes.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Time order is the index's own: pages are read in place rather than sorted. */
    boolean inKeyOrder() {
        return sortBy.equals("start") || sortBy.equals("date");
    }

    QueryRequest request(Table table, String partition) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":pk", Item.attr(partition));
        String key = "GSI1PK = :pk";
        if (from != null && to != null) {
            key += " AND GSI1SK BETWEEN :from AND :to";
        } else if (from != null) {
            key += " AND GSI1SK >= :from";
        } else if (to != null) {
            key += " AND GSI1SK <= :to";
        }
        if (from != null) {
            values.put(":from", Item.attr(Timestamps.seconds(from) + "#"));
        }
        if (to != null) {
            values.put(":to", Item.attr(Timestamps.seconds(to) + "#~")); // '~' sorts after every id digit
        }
        List<String> filters = new ArrayList<>();
        filters.add("attribute_not_exists(deleted_at)");
        if (!types.isEmpty()) {
            List<String> alternatives = new ArrayList<>();
            int n = 0;
            for (Integer type : types) {
                values.put(":type" + n, Item.attr(type));
                alternatives.add("type_id = :type" + n++);
            }
            filters.add("(" + String.join(" OR ", alternatives) + ")");
        }
        int hidden = 0;
        for (Integer type : hiddenTypes) {
            values.put(":hidden" + hidden, Item.attr(type));
            filters.add("type_id <> :hidden" + hidden++);
        }
        if (statusId != null) {
            filters.add("status_id = :status");
            values.put(":status", Item.attr(statusId));
        }
        if (paymentStatusId != null) {
            filters.add("payment_status_id = :payment");
            values.put(":payment", Item.attr(paymentStatusId));
        }
        if (userId != null) {
            filters.add("(user_id = :user OR benefitable_user_id = :user)");
            values.put(":user", Item.attr(userId));
        }
        if (visibleTo != null) {
            filters.add("(user_id = :viewer OR benefitable_user_id = :viewer)");
            values.put(":viewer", Item.attr(visibleTo));
        }
        if (startsFrom != null) {
            filters.add("#start >= :startsFrom");
            names.put("#start", "start");
            values.put(":startsFrom", Item.attr(Timestamps.seconds(startsFrom)));
        }
        if (endsBy != null) {
            filters.add("#end <= :endsBy");
            names.put("#end", "end");
            values.put(":endsBy", Item.attr(Timestamps.seconds(endsBy)));
        }
        for (int n = 0; n < notNull.size(); n++) {
            filters.add("attribute_exists(#nn" + n + ")");
            names.put("#nn" + n, notNull.get(n));
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression(key).filterExpression(String.join(" AND ", filters))
                .expressionAttributeValues(values).scanIndexForward(!descending);
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        return request.build();
    }

    /** The in-memory order of {@link #sortBy}: unset values last either way, ties by id in the same direction. */
    Comparator<Event> comparator() {
        Comparator<Event> byField = switch (sortBy) {
            case "id" -> Comparator.comparingLong(Event::id);
            case "end" -> nullsLast(Event::end);
            case "amount" -> nullsLast(Event::amount);
            case "paid" -> nullsLast(Event::paid);
            case "duration" -> nullsLast(Event::duration);
            case "label" -> nullsLast(e -> e.label() == null ? null : e.label().toLowerCase(Locale.ROOT));
            case "status_id" -> Comparator.comparingInt(Event::statusId);
            case "payment_status_id" -> Comparator.comparingInt(Event::paymentStatusId);
            case "type_id" -> Comparator.comparingInt(Event::typeId);
            case "created_at" -> Comparator.comparing(Event::createdAt);
            case "updated_at" -> Comparator.comparing(Event::updatedAt);
            default -> Comparator.comparing(EventRepository::at);
        };
        Comparator<Event> withTies = byField.thenComparingLong(Event::id);
        return descending ? nullsStayLast(withTies.reversed()) : withTies;
    }

    private static <T extends Comparable<T>> Comparator<Event> nullsLast(Function<Event, T> field) {
        return Comparator.comparing(field, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    /** A reversed order that still puts events lacking the sorted field last. */
    private Comparator<Event> nullsStayLast(Comparator<Event> reversed) {
        Function<Event, Object> field = switch (sortBy) {
            case "end" -> Event::end;
            case "amount" -> Event::amount;
            case "paid" -> Event::paid;
            case "duration" -> Event::duration;
            case "label" -> Event::label;
            default -> e -> Boolean.TRUE;
        };
        return Comparator.<Event, Boolean>comparing(e -> field.apply(e) == null).thenComparing(reversed);
    }
}
