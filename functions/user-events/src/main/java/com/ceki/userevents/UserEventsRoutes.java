package com.ceki.userevents;

import com.ceki.agenda.Agenda;
import com.ceki.calendars.KalViews;
import com.ceki.core.auth.Principal;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.time.Timestamps;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.validation.Validator;
import com.ceki.events.Correction;
import com.ceki.events.Event;
import com.ceki.events.EventViews;
import com.ceki.events.Trackers;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Paginator;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import javax.inject.Inject;

/** The routes of a person's events (API.md, "Events, corrections, trackers", and {@code GET /api/events}). */
public final class UserEventsRoutes {

    /** The longest window {@code GET /api/events} reads. */
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final Agenda agenda;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    @Inject
    public UserEventsRoutes(Agenda agenda, IdempotencyStore idempotency, Clock clock) {
        this.agenda = agenda;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Router router() {
        return new Router(UsageMeter.NONE, idempotency, clock)
                .route("GET /api/events", Access.USER, this::window)
                .route("GET /api/events/{event}", Access.USER, this::read)
                .route("PUT /api/events/{event}", Access.USER, this::change)
                .route("POST /api/events/{event}/vote", Access.USER, this::voteOnEvent)
                .route("POST /api/events/{event}/accept", Access.USER, (r, c) -> answer(r, c, true))
                .route("POST /api/events/{event}/decline", Access.USER, (r, c) -> answer(r, c, false))
                .idempotent("POST /api/events/{event}/start", Access.USER, this::start)
                .route("POST /api/corrections/{correction}/vote", Access.USER, this::vote)
                .idempotent("POST /api/trackers", Access.USER, this::track);
    }

    ApiResponse read(ApiRequest request, Principal caller) {
        return ApiResponse.ok(detail(agenda.read(caller.id(), request.pathId("event"))));
    }

    ApiResponse change(ApiRequest request, Principal caller) {
        long id = request.pathId("event");
        return ApiResponse.ok(detail(agenda.change(caller.id(), id, request.json())));
    }

    ApiResponse voteOnEvent(ApiRequest request, Principal caller) {
        long id = request.pathId("event");
        Validator v = Validator.of(request.json());
        Boolean up = v.bool("vote").required().value();
        List<Long> ids = v.integers("ids").required().maxItems(100).min(1).value();
        v.check();
        if (ids.isEmpty()) {
            throw ValidationFailed.of("ids", "The ids field must have at least 1 item.");
        }
        return ApiResponse.ok(corrections(agenda.vote(caller.id(), id, ids, up)));
    }

    ApiResponse vote(ApiRequest request, Principal caller) {
        long id = request.pathId("correction");
        Validator v = Validator.of(request.json());
        Boolean up = v.bool("vote").required().value();
        v.check();
        return ApiResponse.ok(EventViews.correction(agenda.vote(caller.id(), id, up)));
    }

    ApiResponse answer(ApiRequest request, Principal caller, boolean accept) {
        return ApiResponse.ok(EventViews.event(agenda.answer(caller.id(), request.pathId("event"), accept)));
    }

    ApiResponse start(ApiRequest request, Principal caller) {
        String reference = request.pathParameter("event");
        Validator v = Validator.of(request.json());
        String date = v.string("date").dateTime().value();
        Long handId = v.integer("benefitable_id").min(1).value();
        v.check();
        Event running = agenda.start(caller.id(), reference, date == null ? null : OffsetDateTime.parse(date).toInstant(), handId);
        return ApiResponse.created(EventViews.event(running));
    }

    ApiResponse track(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        String zone = v.string("timezone").required().max(64).timezone().value();
        v.check();
        Trackers.Result result = agenda.track(caller.id(), ZoneId.of(zone));
        return ApiResponse.of(result.started() ? 201 : 200, EventViews.tracker(result.tracker()));
    }

    /** {@code ?from=&to=} (dates or date-times; default: the next 30 days from today, UTC), at most 366 days apart. */
    ApiResponse window(ApiRequest request, Principal caller) {
        Validator v = Validator.ofQuery(request.query());
        Instant from = v.timeBound("from", false);
        Instant to = v.timeBound("to", true);
        Long perPage = v.integer("perPage").between(1, 100).value();
        Long page = v.integer("page").between(1, 1_000_000).value();
        v.check();
        Instant start = from != null ? from : LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant();
        // The default end stops at the last time the API takes (a from late in 9999 has fewer than 30 days left).
        Instant end = to != null ? to : Collections.min(List.of(start.plus(Duration.ofDays(30)), Timestamps.LATEST));
        if (end.isBefore(start)) {
            throw ValidationFailed.of("to", "The to field must be a date after or equal to from.");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ValidationFailed.of("to", "The window from from to to must not be longer than 366 days.");
        }
        Page<Event> found = agenda.window(caller.id(), start, end, page == null ? 1 : page.intValue(),
                perPage == null ? 50 : perPage.intValue());
        return ApiResponse.ok(Paginator.page(found, EventViews.events(found.items()), request));
    }

    private static ObjectNode detail(Agenda.Detail detail) {
        ObjectNode body = Json.object();
        body.set("event", EventViews.event(detail.parts().event()));
        body.set("pivot", detail.pivot() == null ? null : EventViews.attendance(detail.pivot()));
        body.set("corrections", corrections(detail.parts().corrections()));
        body.set("kals", KalViews.kals(detail.kals()));
        return body;
    }

    private static ArrayNode corrections(List<Correction> corrections) {
        ArrayNode list = Json.array();
        corrections.forEach(c -> list.add(EventViews.correction(c)));
        return list;
    }
}
