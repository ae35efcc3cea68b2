package com.ceki.usercalendars;

import com.ceki.calendars.KalRules;
import com.ceki.calendars.feed.KalFeeds;
import com.ceki.calendars.KalViews;
import com.ceki.calendars.Kals;
import com.ceki.core.auth.Principal;
import com.ceki.core.json.Json;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import javax.inject.Inject;

/** The routes of a person's calendars. Every read and write is in the caller's own partition. */
public final class UserCalendarsRoutes {

    private final Kals kals;
    private final KalFeeds feeds;

    @Inject
    public UserCalendarsRoutes(Kals kals, KalFeeds feeds) {
        this.kals = kals;
        this.feeds = feeds;
    }

    public Router router() {
        return new Router()
                .route("GET /api/kals", Access.USER, (request, caller) -> ApiResponse.ok(KalViews.kals(kals.owned(caller.id()))))
                .route("POST /api/kals", Access.USER, this::create)
                .route("PUT /api/kals/{kal}", Access.USER, this::update)
                .route("POST /api/kals/{kal}/external", Access.USER, this::linkExternal)
                .route("POST /api/kals/{kal}/links", Access.USER, this::link)
                .route("POST /api/kals/{kal}/feed", Access.USER, this::feed);
    }

    /** A new secret feed URL of the kal (shown once; the previous one stops working). */
    ApiResponse feed(ApiRequest request, Principal caller) {
        long kalId = request.pathId("kal");
        String token = feeds.issue(caller.id(), kalId);
        String base = request.url().substring(0, request.url().length() - request.rawPath().length());
        return ApiResponse.created(Json.object().put("url", base + "/api/feeds/" + token)
                .put("message", "Subscribe to this URL in your calendar app; asking again replaces it."));
    }

    ApiResponse create(ApiRequest request, Principal caller) {
        return ApiResponse.created(KalViews.kal(kals.create(caller.id(), KalRules.create(request.json()))));
    }

    ApiResponse update(ApiRequest request, Principal caller) {
        long kalId = request.pathId("kal");
        return ApiResponse.ok(KalViews.kal(kals.update(caller.id(), kalId, KalRules.update(request.json()))));
    }

    ApiResponse linkExternal(ApiRequest request, Principal caller) {
        long kalId = request.pathId("kal");
        return ApiResponse.ok(KalViews.kal(kals.linkExternal(caller.id(), kalId, KalRules.external(request.json()))));
    }

    ApiResponse link(ApiRequest request, Principal caller) {
        long kalId = request.pathId("kal");
        return ApiResponse.ok(KalViews.kal(kals.link(caller.id(), kalId, KalRules.link(request.json()))));
    }
}
