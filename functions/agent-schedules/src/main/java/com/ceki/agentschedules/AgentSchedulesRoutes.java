package com.ceki.agentschedules;

import com.ceki.core.money.Prices;
import com.ceki.core.auth.Principal;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.json.Json;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.payments.BilledCalls;
import com.ceki.schedules.AgentSchedules;
import com.ceki.schedules.ScheduleRules;
import com.ceki.schedules.ScheduleViews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import javax.inject.Inject;

/** The routes of agent schedules. Validation and ownership checks come before the charge. */
public final class AgentSchedulesRoutes {

    private final AgentSchedules schedules;
    private final BilledCalls billed;
    private final UsageMeter meter;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    @Inject
    public AgentSchedulesRoutes(AgentSchedules schedules, BilledCalls billed, UsageMeter meter, IdempotencyStore idempotency,
                                Clock clock) {
        this.schedules = schedules;
        this.billed = billed;
        this.meter = meter;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Router router() {
        return new Router(meter, idempotency, clock)
                .metered("GET /api/agent/schedules", Access.AGENT, "schedule_list", this::list)
                .billed("POST /api/agent/schedules", Access.AGENT_ACTIVE, Prices.SCHEDULE_CREATE, this::create)
                .metered("GET /api/agent/schedules/{id}", Access.AGENT, "schedule_read", this::get)
                .metered("PATCH /api/agent/schedules/{id}", Access.AGENT_ACTIVE, "schedule_update", this::update);
    }

    ApiResponse list(ApiRequest request, Principal caller) {
        Validator v = Validator.ofQuery(request.query());
        long page = v.integer("page").between(1, 100_000).valueOr(1);
        v.check();
        return ApiResponse.ok(ScheduleViews.page(schedules.owned(caller.id(), (int) page)));
    }

    ApiResponse create(ApiRequest request, Principal caller) {
        ScheduleRules.Input input = ScheduleRules.create(request.json());
        schedules.checkCanCreate(caller.id(), input);
        return billed.run(request, caller, Prices.SCHEDULE_CREATE, () -> schedules.create(caller.id(), input), done -> {
            ObjectNode body = Json.object();
            body.set("schedule", ScheduleViews.schedule(done.result()));
            return ApiResponse.created(body).withCharge(done.charge().usd());
        });
    }

    ApiResponse get(ApiRequest request, Principal caller) {
        ObjectNode body = Json.object();
        body.set("schedule", ScheduleViews.schedule(schedules.get(caller.id(), request.pathId("id"))));
        return ApiResponse.ok(body);
    }

    ApiResponse update(ApiRequest request, Principal caller) {
        long id = request.pathId("id");
        ScheduleRules.Input patch = ScheduleRules.patch(request.json());
        ObjectNode body = Json.object();
        body.set("schedule", ScheduleViews.schedule(schedules.update(caller.id(), id, patch)));
        return ApiResponse.ok(body);
    }
}
