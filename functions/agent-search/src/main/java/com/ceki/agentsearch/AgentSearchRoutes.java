package com.ceki.agentsearch;

import com.ceki.core.money.Prices;
import com.ceki.core.auth.Principal;
import com.ceki.core.errors.NotFound;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.usage.UsageMeter;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.payments.BilledCalls;
import com.ceki.search.ScheduleSearch;
import com.ceki.search.SearchQuery;
import com.ceki.search.SearchViews;
import com.ceki.users.User;
import com.ceki.users.UserPublicViews;
import com.ceki.users.UserRepository;
import java.time.Clock;
import javax.inject.Inject;

/**
 * The paid agent endpoints over people. Both need an active agent with a verified email; validation and the 404 come
 * before the charge, so a call that fails them costs nothing.
 */
public final class AgentSearchRoutes {

    private final ScheduleSearch search;
    private final UserRepository users;
    private final BilledCalls billed;
    private final UsageMeter meter;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    @Inject
    public AgentSearchRoutes(ScheduleSearch search, UserRepository users, BilledCalls billed, UsageMeter meter,
                             IdempotencyStore idempotency, Clock clock) {
        this.search = search;
        this.users = users;
        this.billed = billed;
        this.meter = meter;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Router router() {
        return new Router(meter, idempotency, clock)
                .billed("POST /api/agent/search/specialists", Access.AGENT_ACTIVE_VERIFIED, Prices.API_SEARCH, this::specialists)
                .billed("GET /api/agent/user/{id}", Access.AGENT_ACTIVE_VERIFIED, Prices.API_USER_VIEW, this::user);
    }

    /** The platform search over public schedules, 20 a page, in the reference's simple paginator. */
    ApiResponse specialists(ApiRequest request, Principal caller) {
        SearchQuery query = SearchQuery.from(request.json());
        return billed.run(request, caller, Prices.API_SEARCH, () -> search.search(query),
                done -> ApiResponse.ok(SearchViews.agentPage(done.result())).withCharge(done.charge().usd()));
    }

    /**
     * A person's public profile: unknown and banned users, and contacts someone added who never signed in, are 404 and
     * cost nothing; otherwise free for the month's first {@code FREE_API_USER_VIEWS} views, then {@code PRICE_API_USER_VIEW}.
     */
    ApiResponse user(ApiRequest request, Principal caller) {
        long id;
        try {
            id = request.pathId("id");
        } catch (NotFound notANumber) {
            throw new NotFound("User not found.");
        }
        User user = users.find(id).filter(AgentSearchRoutes::isPublicProfile)
                .orElseThrow(() -> new NotFound("User not found."));
        return billed.run(request, caller, Prices.API_USER_VIEW,
                () -> UserPublicViews.profile(user, search.activeScheduleCount(user.id())),
                done -> ApiResponse.ok(done.result()).withCharge(done.charge().usd()));
    }

    /** Not banned, and not a contact someone added who has never signed in (their details are that someone's). */
    private static boolean isPublicProfile(User u) {
        return !u.banned() && (u.createdBy() == null || u.emailVerifiedAt() != null);
    }
}
