package com.ceki.schedules.user;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * User schedules, each the head of its own partition {@code SCHEDULE#<n16 id>}: the schedule ({@code SK=SCHEDULE}),
 * its members ({@code MEMBER#...}), its bookings ({@code EVENT#...}) and their day locks ({@code BOOKED#<date>}).
 * Every schedule, public or private, is also in the search feed: GSI1 partition
 * {@code SEARCH_FEED#SCHEDULES#<id mod 8>} ordered by {@code <updated_at>#<n16 id>}, which the search reads to keep
 * its in-memory index current (a schedule made private is a change the index must see, so private ones stay in).
 */
public final class UserScheduleRepository {

    private final Table table;

    public UserScheduleRepository(Table table) {
        this.table = table;
    }

    /** Writes a new schedule (false when the id is taken) or replaces one that exists (false when it is gone). */
    public boolean put(UserSchedule s, boolean mustBeNew) {
        try {
            table.client().putItem(p -> p.tableName(table.name()).item(toItem(s).map())
                    .conditionExpression(mustBeNew ? "attribute_not_exists(PK)" : "attribute_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<UserSchedule> find(long id) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.userSchedule(id), Keys.SCHEDULE).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(toSchedule(item));
    }

    /** The stored item of a schedule (also what the search feed carries). */
    public static Item toItem(UserSchedule s) {
        String updated = Timestamps.record(s.updatedAt());
        Item item = Item.key(Keys.userSchedule(s.id()), Keys.SCHEDULE)
                .s("type", "user_schedule").n("id", s.id()).n("user_id", s.userId()).n("type_id", s.typeId())
                .s("label", s.label()).s("slug", s.slug()).s("description", s.description()).n("msp", s.msp())
                .bool("private", s.isPrivate()).s("timezone", s.timezone())
                .s("start", Timestamps.seconds(s.start()))
                .s("end", Timestamps.seconds(s.end()))
                .s("currency", s.currency()).s("settings", Json.write(s.settings()))
                .s("skills", Json.write(s.skills()))
                .strings("files", s.files().stream().map(String::valueOf).toList())
                .s("benefitable_type", s.benefitableType()).s("billable_type", s.billableType())
                .n("status_id", s.statusId()).s("created_at", Timestamps.record(s.createdAt())).s("updated_at", updated)
                .s(Table.GSI1_PK, Keys.searchFeedSchedules(s.id())).s(Table.GSI1_SK, updated + "#" + Keys.pad(s.id()));
        item.nIfPresent("kal_id", s.kalId());
        item.nIfPresent("duration", s.duration() == null ? null : s.duration().longValue());
        item.nIfPresent("parent_id", s.parentId());
        item.nIfPresent("benefitable_id", s.benefitableId());
        item.nIfPresent("billable_id", s.billableId());
        if (s.price() != null) {
            item.n("price", s.price());
        }
        return item;
    }

    /** Reads a schedule item (from the table or from the search feed). */
    public static UserSchedule toSchedule(Item i) {
        try {
            return new UserSchedule(i.number("id"), i.number("user_id"), i.optionalNumber("kal_id"), (int) i.number("type_id"),
                    i.string("label"), i.string("slug"), i.string("description"), i.number("msp", 0), i.bool("private"),
                    i.string("timezone"), i.instant("start"), i.instant("end"),
                    i.has("duration") ? (int) i.number("duration") : null, i.has("price") ? i.decimal("price") : null,
                    i.string("currency"), (ObjectNode) Json.parse(i.string("settings")),
                    (ArrayNode) Json.parse(i.string("skills")), i.strings("files").stream().map(Long::valueOf).toList(),
                    i.optionalNumber("parent_id"), i.optionalNumber("benefitable_id"), i.string("benefitable_type"),
                    i.optionalNumber("billable_id"), i.string("billable_type"), (int) i.number("status_id", UserSchedule.STATUS_ACTIVE),
                    Instant.parse(i.string("created_at")), Instant.parse(i.string("updated_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored schedule JSON is not JSON", e);
        }
    }
}
