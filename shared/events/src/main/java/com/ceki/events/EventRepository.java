package com.ceki.events;

import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every event is one item, {@code EVENT#<n16 id> / EVENT}, found by its id alone whatever it belongs to; its
 * attendances ({@code ATTENDEE#<n16 user>}) share its partition. GSI1 lists a schedule's or a contract's events by
 * time ({@code EVENTS#CONTRACT#<n16 id>} / {@code <at>#<n16 id>}) and a person's attendances by time
 * ({@code USER_EVENTS#<n16 user>}); GSI2 holds a contract's open receivables (approved, not fully paid), keyed by
 * hand, and nothing else. Writes are added to a {@link WriteTransaction}, so that an event changes in the same
 * transaction as the clock, week or contract figures it moves; every replacement is conditional on the
 * {@code sequence} it was read at.
 */
public final class EventRepository {

    /** The longest external id, in code points and in UTF-8 bytes (the body rules of the routes that take one). */
    public static final int EXTERNAL_ID_MAX_CHARS = 255;
    public static final int EXTERNAL_ID_MAX_BYTES = 1000;

    private final Table table;

    public EventRepository(Table table) {
        this.table = table;
    }

    public Optional<Event> find(long id) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.event(id), Keys.EVENT).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(event(item));
    }

    /** The events among {@code ids} that exist, by id (consistent reads). */
    public Map<Long, Event> findAll(Collection<Long> ids) {
        Map<Long, Event> found = new HashMap<>();
        List<Item> keys = ids.stream().distinct().map(id -> Item.key(Keys.event(id), Keys.EVENT)).toList();
        Queries.getAll(table, keys, true).forEach(item -> {
            Event e = event(item);
            found.put(e.id(), e);
        });
        return found;
    }

    /** An event with everything in its partition: its attendances and its corrections (one consistent Query). */
    public record Parts(Event event, List<Attendance> attendances, List<Correction> corrections) {

        public Optional<Attendance> attendanceOf(long userId) {
            return attendances.stream().filter(a -> a.userId() == userId).findFirst();
        }
    }

    public Optional<Parts> parts(long eventId) {
        Event event = null;
        List<Attendance> attendances = new ArrayList<>();
        List<Correction> corrections = new ArrayList<>();
        for (Item item : Queries.all(table, QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.event(eventId)))).build())) {
            String sk = item.string(Table.SK);
            if (sk.equals(Keys.EVENT)) {
                event = event(item);
            } else if (sk.startsWith(Keys.ATTENDEE_PREFIX)) {
                attendances.add(attendance(item));
            } else if (sk.startsWith(Keys.CORRECTION_PREFIX)) {
                corrections.add(correction(item));
            }
        }
        return event == null ? Optional.empty() : Optional.of(new Parts(event, attendances, corrections));
    }

    /** The event a correction id belongs to (through its pointer). */
    public Optional<Long> eventOfCorrection(long correctionId) {
        Item pointer = Item.from(table.client().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(Item.key(Keys.correction(correctionId), Keys.CORRECTION).map())).item());
        return pointer.isEmpty() ? Optional.empty() : Optional.of(pointer.number("event_id"));
    }

    /** A new correction and its pointer, in {@code tx}. */
    public void createCorrection(WriteTransaction tx, Correction c) {
        tx.putNew(item(c));
        tx.putNew(Item.key(Keys.correction(c.id()), Keys.CORRECTION).s("type", "correction_pointer").n("event_id", c.eventId()));
    }

    /** A correction as changed, in {@code tx}, on condition that it is still the version read. */
    public void replaceCorrection(WriteTransaction tx, Correction before, Correction after) {
        tx.putIfUnchanged(item(after), "version", Item.attr(before.version()));
    }

    /** Who takes part in an event (consistent). */
    public List<Attendance> attendances(long eventId) {
        return Queries.all(table, QueryRequest.builder().tableName(table.name()).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.event(eventId)), ":prefix", Item.attr(Keys.ATTENDEE_PREFIX)))
                        .build())
                .stream().map(EventRepository::attendance).toList();
    }

    // ---- writes, into a transaction ----

    /**
     * A new event and the attendances that put it in its people's calendars; an event with an external id (from
     * another calendar) is findable by it for its owner, who uses each external id once.
     */
    public void create(WriteTransaction tx, Event event, List<Attendance> attendances) {
        if (event.externalId() != null && !fitsKey(event.externalId())) {
            // The rules of the routes that take one bound it (a 422): reaching here is a missing rule, not bad input.
            throw new IllegalArgumentException("An external id past its key's size reached storage: " + event.externalId().length());
        }
        tx.putNew(toItem(event));
        attendances.forEach(a -> tx.put(item(a, event), p -> {}));
        if (event.externalId() != null) {
            tx.putNew(Item.key(Keys.user(event.userId()), Keys.externalEvent(event.externalId()))
                    .s("type", "external_event").n("event_id", event.id()));
        }
    }

    /**
     * The event {@code userId} created with this external id. One longer than any external id taken is nobody's,
     * and is not looked up: it would not fit a sort key (DynamoDB refuses keys over 1,024 bytes).
     */
    public Optional<Event> findByExternalId(long userId, String externalId) {
        if (!fitsKey(externalId)) {
            return Optional.empty();
        }
        Item guard = Item.from(table.client().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(Item.key(Keys.user(userId), Keys.externalEvent(externalId)).map())).item());
        return guard.isEmpty() ? Optional.empty() : find(guard.number("event_id"));
    }

    /**
     * Replaces {@code before} by {@code after} on condition that nobody changed it since it was read; when its time
     * moved, its attendances move with it in people's calendars ({@code attendances} as read: only their index key
     * is written, so an answer given since they were read stays).
     */
    public void replace(WriteTransaction tx, Event before, Event after, List<Attendance> attendances) {
        tx.putIfUnchanged(toItem(after), "sequence", Item.attr(before.sequence()));
        if (moves(before, after)) {
            attendances.forEach(a -> moveAttendance(tx, a, after));
        }
    }

    /** Whether a change of {@code before} into {@code after} moves its attendances in people's calendars. */
    public static boolean moves(Event before, Event after) {
        return !at(before).equals(at(after));
    }

    /** Replaces an event whose time does not change (status, money, bill, label). */
    public void replace(WriteTransaction tx, Event before, Event after) {
        if (!at(before).equals(at(after))) {
            throw new IllegalArgumentException("An event whose time changes moves its attendances too");
        }
        replace(tx, before, after, List.of());
    }

    /**
     * Writes a person's attendance of {@code event}. An invitation nobody answered yet ({@link Attendance#PENDING}: a
     * new attendee of a changed contract event) is put whole; an answer only updates the stored attendance
     * ({@link #answerAttendance}), since the attendance and the event it came with were read before and may be stale.
     */
    public void putAttendance(WriteTransaction tx, Attendance attendance, Event event) {
        if (attendance.statusId() == Attendance.PENDING) {
            tx.put(item(attendance, event), p -> {});
        } else {
            answerAttendance(tx, attendance);
        }
    }

    /**
     * Sets the status of an attendance that still exists, and nothing else: its kal, role and index key (the event's
     * time, which its owner may have moved meanwhile) stay as stored, and a deleted attendance is not written again
     * (the transaction fails instead).
     */
    public void answerAttendance(WriteTransaction tx, Attendance attendance) {
        tx.update(Item.key(Keys.event(attendance.eventId()), Keys.attendee(attendance.userId())), u -> u
                .updateExpression("SET status_id = :status, updated_at = :now")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":status", Item.attr(attendance.statusId()),
                        ":now", Item.attr(Timestamps.record(attendance.updatedAt())))));
    }

    /** Moves an existing attendance to {@code event}'s time in its person's calendar (GSI1SK only; the rest stays). */
    public void moveAttendance(WriteTransaction tx, Attendance attendance, Event event) {
        tx.update(Item.key(Keys.event(attendance.eventId()), Keys.attendee(attendance.userId())), u -> u
                .updateExpression("SET #at = :at")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#at", Table.GSI1_SK))
                .expressionAttributeValues(Map.of(":at", Item.attr(attendanceAt(event)))));
    }

    // ---- listings ----

    /**
     * A contract's (or schedule's) events that {@code query} selects, in its order, one page of them.
     * {@code countsByType} are the billable's live events per type as it keeps them: a listing only types narrow
     * takes its total from them instead of counting the partition.
     */
    public Page<Event> list(String billableType, long billableId, EventQuery query, Map<Integer, Long> countsByType) {
        QueryRequest request = query.request(table, Keys.billableEvents(billableType, billableId));
        if (query.inKeyOrder()) {
            List<Event> items = Queries.page(table, request, query.page(), query.perPage()).stream()
                    .map(EventRepository::event).toList();
            Long counted = query.totalFrom(countsByType);
            return new Page<>(items, query.page(), query.perPage(), counted != null ? counted : Queries.count(table, request));
        }
        List<Event> all = new ArrayList<>(Queries.all(table, request).stream().map(EventRepository::event).toList());
        Comparator<Event> order = query.comparator();
        all.sort(order);
        return Page.of(all, query.page(), query.perPage());
    }

    /** Every event of a schedule or contract that {@code query} selects (no paging: audits, bills, benchmarks). */
    public List<Event> all(String billableType, long billableId, EventQuery query) {
        return Queries.all(table, query.request(table, Keys.billableEvents(billableType, billableId))).stream()
                .map(EventRepository::event).toList();
    }

    /**
     * A contract's open receivables (approved, not fully paid) of one hand (all hands: null), oldest first, as GSI2
     * holds them: eventually consistent, so whoever moves money re-reads them ({@link #findAll}) before writing.
     */
    public List<Event> openReceivables(long contractId, Long handId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Item.attr(Keys.openReceivables(contractId))));
        String condition = "GSI2PK = :pk";
        if (handId != null) {
            condition += " AND begins_with(GSI2SK, :hand)";
            values.put(":hand", Item.attr(Keys.pad(handId) + "#"));
        }
        return Queries.all(table, QueryRequest.builder().tableName(table.name()).indexName(Table.GSI2)
                        .keyConditionExpression(condition).expressionAttributeValues(values).build())
                .stream().map(EventRepository::event).toList();
    }

    /** Whether a schedule or contract has any event at all (deleted ones too). */
    public boolean any(String billableType, long billableId) {
        return !table.client().query(q -> q.tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :pk").limit(1).projectionExpression("id")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.billableEvents(billableType, billableId)))))
                .items().isEmpty();
    }

    // ---- items ----

    /** Whether an external id is one an event can have: its key, {@code EXTERNAL_EVENT#<id>}, stays under 1,024 bytes. */
    static boolean fitsKey(String externalId) {
        return externalId.codePointCount(0, externalId.length()) <= EXTERNAL_ID_MAX_CHARS
                && externalId.getBytes(StandardCharsets.UTF_8).length <= EXTERNAL_ID_MAX_BYTES;
    }

    /** When an event is, for listings: its start, else its date (payments), else its creation. */
    static String at(Event e) {
        if (e.start() != null) {
            return Timestamps.seconds(e.start());
        }
        if (e.date() != null) {
            return e.date();
        }
        return Timestamps.seconds(e.createdAt());
    }

    /** Approved and not fully paid: what a payment to the contract settles. */
    static boolean isOpenReceivable(Event e) {
        return Event.CONTRACT.equals(e.billableType()) && (e.typeId() == Event.TYPE_MEETING || e.typeId() == Event.TYPE_TIME)
                && e.statusId() == Event.STATUS_CONFIRMED && !e.isDeleted() && e.outstanding().signum() > 0;
    }

    /**
     * The item of an event as every write stores it, with its listing keys (GSI1, and GSI2 while it is an open
     * receivable); public for benchmarks that seed events as production writes them.
     */
    public static Item toItem(Event e) {
        Item item = Item.key(Keys.event(e.id()), Keys.EVENT)
                .s("type", "event").n("id", e.id()).n("type_id", e.typeId()).n("status_id", e.statusId())
                .n("user_id", e.userId()).s("billable_type", e.billableType()).s("benefitable_type", e.benefitableType())
                .s("external_id", e.externalId()).s("label", e.label()).s("description", e.description())
                .s("timezone", e.timezone()).s("start", Timestamps.seconds(e.start())).s("end", Timestamps.seconds(e.end()))
                .s("date", e.date()).n("amount", e.amount()).n("paid", e.paid()).n("rate", e.rate())
                .s("currency", e.currency()).n("payment_status_id", e.paymentStatusId()).bool("private", e.isPrivate())
                .bool("credit", e.credit()).strings("files", e.files().stream().map(String::valueOf).toList())
                .n("sequence", e.sequence()).s("created_at", Timestamps.record(e.createdAt()))
                .s("updated_at", Timestamps.record(e.updatedAt())).s("deleted_at", Timestamps.record(e.deletedAt()));
        item.nIfPresent("billable_id", e.billableId());
        item.nIfPresent("benefitable_id", e.benefitableId());
        item.nIfPresent("benefitable_user_id", e.benefitableUserId());
        item.nIfPresent("kal_id", e.kalId());
        item.nIfPresent("parent_id", e.parentId());
        item.nIfPresent("origin_id", e.originId());
        item.nIfPresent("bill_id", e.billId());
        item.nIfPresent("duration", e.duration() == null ? null : e.duration().longValue());
        if (e.attendees() != null) {
            item.json("attendees", Json.write(e.attendees()));
        }
        if (e.data() != null) {
            item.json("data", Json.write(e.data()));
        }
        String owner = e.billableType() != null ? Keys.billableEvents(e.billableType(), e.billableId())
                : Keys.billableEvents(Event.USER, e.userId());
        item.s(Table.GSI1_PK, owner).s(Table.GSI1_SK, at(e) + "#" + Keys.pad(e.id()));
        if (isOpenReceivable(e)) {
            item.s(Table.GSI2_PK, Keys.openReceivables(e.billableId()))
                    .s(Table.GSI2_SK, Keys.pad(e.benefitableId() == null ? 0 : e.benefitableId()) + "#" + Keys.pad(e.id()));
        }
        return item;
    }

    static Event event(Item i) {
        return new Event(i.number("id"), (int) i.number("type_id"), (int) i.number("status_id"), i.number("user_id"),
                i.string("billable_type"), i.optionalNumber("billable_id"), i.string("benefitable_type"),
                i.optionalNumber("benefitable_id"), i.optionalNumber("benefitable_user_id"), i.optionalNumber("kal_id"),
                i.optionalNumber("parent_id"), i.optionalNumber("origin_id"), i.string("external_id"), i.string("label"),
                i.string("description"), i.string("timezone"), i.instant("start"), i.instant("end"),
                i.has("duration") ? (int) i.number("duration") : null, i.string("date"), i.decimal("amount"),
                i.decimal("paid"), i.decimal("rate"), i.string("currency"), (int) i.number("payment_status_id"),
                i.bool("private"), i.bool("credit"), i.strings("files").stream().map(Long::valueOf).toList(),
                (ArrayNode) Json.stored(i.string("attendees")), (ObjectNode) Json.stored(i.string("data")), i.optionalNumber("bill_id"),
                i.number("sequence", 0), Instant.parse(i.string("created_at")), Instant.parse(i.string("updated_at")),
                i.instant("deleted_at"));
    }

    static Item item(Attendance a, Event event) {
        Item item = Item.key(Keys.event(a.eventId()), Keys.attendee(a.userId()))
                .s("type", "attendance").n("event_id", a.eventId()).n("user_id", a.userId()).n("role_id", a.roleId())
                .n("status_id", a.statusId()).s("email", a.email())
                .s("created_at", Timestamps.record(a.createdAt())).s("updated_at", Timestamps.record(a.updatedAt()))
                .s(Table.GSI1_PK, Keys.userEvents(a.userId())).s(Table.GSI1_SK, attendanceAt(event));
        item.nIfPresent("kal_id", a.kalId());
        return item;
    }

    /** An attendance's GSI1SK: where its event is in its person's calendar. */
    private static String attendanceAt(Event event) {
        return at(event) + "#" + Keys.pad(event.id());
    }

    static Item item(Correction c) {
        Map<String, AttributeValue> votes = new HashMap<>();
        c.votes().forEach((user, up) -> votes.put(Long.toString(user), AttributeValue.fromBool(up)));
        Item item = Item.key(Keys.event(c.eventId()), Keys.correction(c.id()))
                .s("type", "correction").n("id", c.id()).n("event_id", c.eventId()).n("user_id", c.userId())
                .s("field", c.field()).s("value", c.value()).s("old_value", c.oldValue()).s("status", c.status())
                .n("version", c.version()).s("created_at", Timestamps.record(c.createdAt()))
                .s("updated_at", Timestamps.record(c.updatedAt()));
        item.map().put("votes", AttributeValue.fromM(votes));
        return item;
    }

    static Correction correction(Item i) {
        Map<Long, Boolean> votes = new HashMap<>();
        AttributeValue stored = i.map().get("votes");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((user, up) -> votes.put(Long.parseLong(user), up.bool()));
        }
        return new Correction(i.number("id"), i.number("event_id"), i.number("user_id"), i.string("field"), i.string("value"),
                i.string("old_value"), i.string("status"), votes, i.number("version"), Instant.parse(i.string("created_at")),
                Instant.parse(i.string("updated_at")));
    }

    static Attendance attendance(Item i) {
        return new Attendance(i.number("event_id"), i.number("user_id"), (int) i.number("role_id"),
                (int) i.number("status_id"), i.optionalNumber("kal_id"), i.string("email"),
                Instant.parse(i.string("created_at")), Instant.parse(i.string("updated_at")));
    }
}
