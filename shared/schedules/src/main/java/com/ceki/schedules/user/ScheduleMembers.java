package com.ceki.schedules.user;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Members of a schedule, in its partition: {@code SCHEDULE#<n16 id> / MEMBER#<n16 user id>}. */
public final class ScheduleMembers {

    /** A schedule's members are all read with one Query; this bounds it. */
    public static final int MAX_MEMBERS = 100;

    private final Table table;

    public ScheduleMembers(Table table) {
        this.table = table;
    }

    public Optional<Membership> find(long scheduleId, long userId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.userSchedule(scheduleId), Keys.scheduleMember(userId)).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(toMembership(item));
    }

    public List<Membership> all(long scheduleId) {
        return Queries.all(table, QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :m)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.userSchedule(scheduleId)),
                        ":m", Item.attr(Keys.MEMBER_PREFIX))).build())
                .stream().map(ScheduleMembers::toMembership).toList();
    }

    /** Adds a member or changes their role and levels. */
    public void put(long scheduleId, Membership m) {
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(Keys.userSchedule(scheduleId), Keys.scheduleMember(m.userId()))
                .s("type", "schedule_member").n("schedule_id", scheduleId).n("user_id", m.userId()).n("role_id", m.roleId())
                .n("read", m.read()).n("write", m.write()).s("created_at", Timestamps.record(m.createdAt())).map()));
    }

    /** Removes a member; false when they were not one. */
    public boolean remove(long scheduleId, long userId) {
        try {
            table.client().deleteItem(d -> d.tableName(table.name())
                    .key(Item.key(Keys.userSchedule(scheduleId), Keys.scheduleMember(userId)).map())
                    .conditionExpression("attribute_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Membership toMembership(Item i) {
        return new Membership(i.number("user_id"), (int) i.number("role_id"), (int) i.number("read"),
                (int) i.number("write"), Instant.parse(i.string("created_at")));
    }
}
