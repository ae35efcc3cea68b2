package com.ceki.userschedules;

import com.ceki.core.auth.Principal;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.ceki.events.EventViews;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.schedules.user.Bookings;
import com.ceki.schedules.user.UserScheduleRules;
import com.ceki.schedules.user.UserScheduleViews;
import com.ceki.schedules.user.UserSchedules;
import com.ceki.search.ScheduleSearch;
import com.ceki.search.SearchQuery;
import com.ceki.search.SearchViews;
import com.ceki.users.UserViews;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import javax.inject.Inject;

/** The routes of user schedules: the schedule, its members, booking, labels, payments, and the platform search. */
public final class UserSchedulesRoutes {

    private final UserSchedules schedules;
    private final Bookings bookings;
    private final ScheduleSearch search;

    @Inject
    public UserSchedulesRoutes(UserSchedules schedules, Bookings bookings, ScheduleSearch search) {
        this.schedules = schedules;
        this.bookings = bookings;
        this.search = search;
    }

    public Router router() {
        return new Router()
                .route("POST /api/schedules", Access.USER, this::create)
                .route("PUT /api/schedules", Access.USER, this::upsert)
                .route("GET /api/schedules/{schedule}", Access.USER, this::get)
                .route("PUT /api/schedules/{schedule}", Access.USER, this::update)
                .route("GET /api/schedules/{schedule}/users", Access.USER, this::members)
                .route("POST /api/schedules/{schedule}/users", Access.USER, this::addMembers)
                .route("DELETE /api/schedules/{schedule}/users", Access.USER, this::removeMember)
                .route("POST /api/schedules/{schedule}/events", Access.USER, this::book)
                .route("POST /api/schedules/{schedule}/events/label", Access.USER, this::relabel)
                .route("POST /api/schedules/{schedule}/payments", Access.USER, this::pay)
                .route("POST /api/schedules/search", Access.USER, (request, caller) ->
                        ApiResponse.ok(SearchViews.platformPage(search.search(SearchQuery.from(request.json())))));
    }

    ApiResponse create(ApiRequest request, Principal caller) {
        var input = UserScheduleRules.read(request.json(), UserScheduleRules.Kind.CREATE);
        return ApiResponse.created(UserScheduleViews.schedule(schedules.create(caller.id(), input, false)));
    }

    /** Creates (no id: 201) or replaces (an id: 200) a schedule, generating its event templates. */
    ApiResponse upsert(ApiRequest request, Principal caller) {
        var input = UserScheduleRules.read(request.json(), UserScheduleRules.Kind.UPSERT);
        if (input.id() == null) {
            return ApiResponse.created(UserScheduleViews.schedule(schedules.create(caller.id(), input, true)));
        }
        return ApiResponse.ok(UserScheduleViews.schedule(schedules.replace(caller.id(), input.id(), input, true)));
    }

    ApiResponse get(ApiRequest request, Principal caller) {
        return ApiResponse.ok(UserScheduleViews.schedule(schedules.get(caller.id(), request.pathId("schedule"))));
    }

    ApiResponse update(ApiRequest request, Principal caller) {
        long id = request.pathId("schedule");
        var input = UserScheduleRules.read(request.json(), UserScheduleRules.Kind.UPDATE);
        return ApiResponse.ok(UserScheduleViews.schedule(schedules.replace(caller.id(), id, input, false)));
    }

    ApiResponse members(ApiRequest request, Principal caller) {
        return ApiResponse.ok(members(schedules.members(caller.id(), request.pathId("schedule"))));
    }

    ApiResponse addMembers(ApiRequest request, Principal caller) {
        long id = request.pathId("schedule");
        return ApiResponse.ok(members(schedules.addMembers(caller.id(), id, request.json())));
    }

    /** {@code user_id} in the body (or the query string: some clients send no body with DELETE). */
    ApiResponse removeMember(ApiRequest request, Principal caller) {
        long id = request.pathId("schedule");
        Validator v = request.rawBody() == null || request.rawBody().isBlank() ? Validator.ofQuery(request.query()) : Validator.of(request.json());
        Long userId = v.integer("user_id").required().min(1).value();
        v.check();
        return ApiResponse.ok(members(schedules.removeMember(caller.id(), id, userId)));
    }

    ApiResponse book(ApiRequest request, Principal caller) {
        long id = request.pathId("schedule");
        return ApiResponse.created(EventViews.event(bookings.book(caller.id(), id, request.json())));
    }

    ApiResponse relabel(ApiRequest request, Principal caller) {
        long id = request.pathId("schedule");
        Validator v = Validator.of(request.json());
        String label = v.string("label").max(255).value();
        List<Long> eventIds = v.integers("ids").required().maxItems(100).min(1).value();
        v.check();
        return ApiResponse.ok(EventViews.events(bookings.relabel(caller.id(), id, label, eventIds)));
    }

    ApiResponse pay(ApiRequest request, Principal caller) {
        long id = request.pathId("schedule");
        var payment = bookings.recordPayment(caller.id(), id, request.json());
        ObjectNode body = EventViews.event(payment.payment());
        body.set("events", EventViews.events(payment.events()));
        return ApiResponse.created(body);
    }

    private static ArrayNode members(List<UserSchedules.Member> members) {
        ArrayNode list = Json.array();
        for (UserSchedules.Member m : members) {
            ObjectNode user = UserViews.member(m.user());
            ObjectNode pivot = user.putObject("pivot");
            pivot.put("role_id", m.membership().roleId());
            pivot.put("read", m.membership().read());
            pivot.put("write", m.membership().write());
            list.add(user);
        }
        return list;
    }
}
