package com.ceki.agentdirectory;

import com.ceki.agents.AgentDirectory.SortBy;
import com.ceki.agents.AgentDirectory;
import com.ceki.agents.AgentViews;
import com.ceki.core.json.Json;
import com.ceki.core.time.Months;
import com.ceki.core.usage.UsageEvent;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.schedules.AgentSchedule;
import com.ceki.schedules.AgentSchedules;
import com.ceki.schedules.ScheduleViews;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;

/** The routes of the public directory. */
public final class AgentDirectoryRoutes {

    private static final int SCHEDULES_PER_PAGE = 50;
    private static final int PROFILE_SCHEDULES = 20;

    private final AgentDirectory directory;
    private final AgentSchedules schedules;
    private final UsageMeter meter;
    private final Clock clock;

    @Inject
    public AgentDirectoryRoutes(AgentDirectory directory, AgentSchedules schedules, UsageMeter meter, Clock clock) {
        this.directory = directory;
        this.schedules = schedules;
        this.meter = meter;
        this.clock = clock;
    }

    public Router router() {
        return new Router()
                .route("GET /api/agent/agents", Access.PUBLIC, (request, caller) -> search(request))
                .route("GET /api/agent/agents/{id}", Access.PUBLIC, (request, caller) -> profile(request))
                .route("GET /api/agent/agents/{id}/schedules", Access.PUBLIC, (request, caller) -> schedules(request));
    }

    ApiResponse search(ApiRequest request) {
        Validator v = Validator.ofQuery(request.query());
        String query = v.string("query").max(200).value();
        var tags = v.strings("tags").maxItems(50).itemMax(100).value();
        var skills = v.strings("skills").maxItems(100).itemMax(100).value();
        var languages = v.strings("languages").maxItems(50).itemMax(10).value();
        String license = v.string("license").max(100).value();
        long perPage = v.integer("perPage").between(1, 100).valueOr(20);
        long page = v.integer("page").between(1, 1_000_000).valueOr(1);
        String sortBy = v.string("sortBy").in("name", "created_at", "last_accessed_at", "last_updated_at").value();
        Boolean descending = v.bool("descending").value();
        v.check();
        SortBy sort = sortBy == null ? SortBy.CREATED_AT : SortBy.valueOf(sortBy.toUpperCase(Locale.ROOT));
        // Newest first by default; an explicit sortBy without "descending" sorts ascending.
        boolean desc = descending != null ? descending : sortBy == null;

        var result = directory.search(new AgentDirectory.Search(query, tags, skills, languages, license, sort, desc,
                (int) perPage, (int) page));
        ArrayNode data = Json.array();
        result.agents().forEach(a -> data.add(AgentViews.listed(a)));
        return ApiResponse.ok(simplePage(result.page(), data, result.perPage(), result.total()));
    }

    /** The public profile with its newest public schedules; the view moves {@code last_accessed_at} via metering. */
    ApiResponse profile(ApiRequest request) {
        var agent = directory.activeAgent(request.pathId("id"));
        var newest = schedules.publicOnes(agent.id(), 1, PROFILE_SCHEDULES);
        ObjectNode body = Json.object();
        body.set("agent", AgentViews.publicProfile(agent, (int) newest.total()));
        ArrayNode list = body.putArray("schedules");
        newest.schedules().forEach(s -> list.add(publicSchedule(s)));
        meter.record(new UsageEvent(UsageEvent.PROFILE_VIEW, agent.id(), Months.current(clock).toString(),
                BigDecimal.ZERO, request.requestId(), clock.millis()));
        return ApiResponse.ok(body);
    }

    ApiResponse schedules(ApiRequest request) {
        long agentId = request.pathId("id");
        Validator v = Validator.ofQuery(request.query());
        long page = v.integer("page").between(1, 1_000_000).valueOr(1);
        v.check();
        directory.activeAgent(agentId);
        var result = schedules.publicOnes(agentId, (int) page, SCHEDULES_PER_PAGE);
        ObjectNode pageNode = ScheduleViews.page(result);
        pageNode.withArray("data").forEach(s -> ((ObjectNode) s).remove(List.of("user_id", "private", "updated_at")));
        ObjectNode body = Json.object().put("agent_id", agentId);
        body.set("schedules", pageNode);
        return ApiResponse.ok(body);
    }

    /** A schedule as the public profile shows it (no owner-only fields). */
    private static ObjectNode publicSchedule(AgentSchedule s) {
        ObjectNode node = ScheduleViews.schedule(s);
        node.remove(List.of("user_id", "kal_id", "updated_at", "created_at"));
        return node;
    }

    /** The reference's simple paginator. */
    static ObjectNode simplePage(int page, ArrayNode data, int perPage, int total) {
        ObjectNode node = Json.object().put("current_page", page);
        node.set("data", data);
        node.put("per_page", perPage).put("total", total);
        return node;
    }
}
