package com.ceki.agentdirectory;

import com.ceki.agents.AgentDirectory;
import com.ceki.agents.AgentDirectory.SortBy;
import com.ceki.agents.AgentViews;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.inject.Inject;

/** The routes of the public directory. */
public final class AgentDirectoryRoutes {

    private static final int SCHEDULES_PER_PAGE = 50;

    private final AgentDirectory directory;

    @Inject
    public AgentDirectoryRoutes(AgentDirectory directory) {
        this.directory = directory;
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
        SortBy sort = sortBy == null ? SortBy.CREATED_AT : SortBy.valueOf(sortBy.toUpperCase(java.util.Locale.ROOT));
        // Newest first by default; an explicit sortBy without "descending" sorts ascending.
        boolean desc = descending != null ? descending : sortBy == null;

        var result = directory.search(new AgentDirectory.Search(query, tags, skills, languages, license, sort, desc,
                (int) perPage, (int) page));
        ArrayNode data = Json.array();
        result.agents().forEach(a -> data.add(AgentViews.listed(a)));
        return ApiResponse.ok(simplePage(result.page(), data, result.perPage(), result.total()));
    }

    ApiResponse profile(ApiRequest request) {
        var agent = directory.publicProfile(request.pathId("id"));
        ObjectNode body = Json.object();
        body.set("agent", AgentViews.publicProfile(agent, 0));
        body.set("schedules", Json.array()); // agent schedules arrive with the billing work
        return ApiResponse.ok(body);
    }

    ApiResponse schedules(ApiRequest request) {
        long agentId = request.pathId("id");
        Validator v = Validator.ofQuery(request.query());
        long page = v.integer("page").between(1, 1_000_000).valueOr(1);
        v.check();
        directory.activeAgent(agentId);
        ObjectNode body = Json.object().put("agent_id", agentId);
        body.set("schedules", simplePage((int) page, Json.array(), SCHEDULES_PER_PAGE, 0));
        return ApiResponse.ok(body);
    }

    /** The reference's simple paginator. */
    static ObjectNode simplePage(int page, ArrayNode data, int perPage, int total) {
        ObjectNode node = Json.object().put("current_page", page);
        node.set("data", data);
        node.put("per_page", perPage).put("total", total);
        return node;
    }
}
