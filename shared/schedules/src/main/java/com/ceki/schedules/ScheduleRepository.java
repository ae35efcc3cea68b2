package com.ceki.schedules;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Agent schedules under their agent ({@code AGENT#id / SCHEDULE#<id>}): reading one is a GetItem on the caller's
 * own partition, so another agent's schedule simply does not exist for it. Public schedules are also listed in
 * the sparse GSI1 partition {@code PUBLIC_SCHEDULES#AGENT#id}, newest first.
 */
public final class ScheduleRepository {

    /** A page of schedules and the total across all pages. */
    public record Page(List<AgentSchedule> schedules, int page, int perPage, long total) {}

    private final Table table;

    public ScheduleRepository(Table table) {
        this.table = table;
    }

    public boolean kalBelongsTo(long agentId, long kalId) {
        var item = table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.kal(kalId)).map()).projectionExpression("PK")).item();
        return item != null && !item.isEmpty();
    }

    /**
     * Writes a new schedule ({@code mustBeNew}) or replaces an existing one; false when that condition failed (the
     * id is taken, or the schedule is gone).
     */
    public boolean put(AgentSchedule s, boolean mustBeNew) {
        Item item = Item.key(Keys.agent(s.agentId()), Keys.schedule(s.id()))
                .s("type", "agent_schedule").n("id", s.id()).n("agent_id", s.agentId()).n("kal_id", s.kalId())
                .s("settings", Json.write(s.settings())).s("start", Timestamps.seconds(s.start()))
                .s("end", Timestamps.seconds(s.end())).s("timezone", s.timezone())
                .bool("private", s.isPrivate()).s("created_at", Timestamps.record(s.createdAt()))
                .s("updated_at", Timestamps.record(s.updatedAt()));
        if (!s.isPrivate()) {
            item.s(Table.GSI1_PK, Keys.publicSchedules(s.agentId()))
                    .s(Table.GSI1_SK, Timestamps.record(s.createdAt()) + "#" + Keys.pad(s.id()));
        }
        try {
            table.client().putItem(p -> p.tableName(table.name()).item(item.map())
                    .conditionExpression(mustBeNew ? "attribute_not_exists(PK)" : "attribute_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<AgentSchedule> find(long agentId, long scheduleId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.schedule(scheduleId)).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(toSchedule(item));
    }

    /** The agent's own schedules, newest first. */
    public Page owned(long agentId, int page, int perPage) {
        return page(QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :s)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.agent(agentId)), ":s", Item.attr(Keys.SCHEDULE_PREFIX)))
                .scanIndexForward(false), page, perPage);
    }

    /** The agent's public schedules, newest first. */
    public Page publicOnes(long agentId, int page, int perPage) {
        return page(QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.publicSchedules(agentId))))
                .scanIndexForward(false), page, perPage);
    }

    private Page page(QueryRequest.Builder query, int page, int perPage) {
        QueryRequest base = query.build();
        List<AgentSchedule> schedules = Queries.page(table, base, page, perPage).stream()
                .map(ScheduleRepository::toSchedule).toList();
        return new Page(schedules, page, perPage, Queries.count(table, base));
    }

    private static AgentSchedule toSchedule(Item item) {
        try {
            return new AgentSchedule(item.number("id"), item.number("agent_id"), item.number("kal_id"),
                    (ObjectNode) Json.parse(item.string("settings")), Instant.parse(item.string("start")),
                    item.instant("end"), item.string("timezone"),
                    item.bool("private"), Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored schedule settings are not JSON", e);
        }
    }
}
