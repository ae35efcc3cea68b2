package com.ceki.calendarfeed;

import com.ceki.calendars.Kal;
import com.ceki.calendars.feed.ICalendar;
import com.ceki.calendars.feed.KalFeeds;
import com.ceki.core.auth.Principal;
import com.ceki.events.PersonalEvents;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code GET /api/feeds/{token}}: the kal the token opens as {@code text/calendar}, its events and those of the
 * kals linked into it ({@code from}), from 90 days ago to 366 days ahead. An unknown or revoked token is a 404.
 */
public final class CalendarFeedRoutes {

    static final Duration PAST = Duration.ofDays(90);
    static final Duration AHEAD = Duration.ofDays(366);

    private final KalFeeds feeds;
    private final PersonalEvents personal;
    private final Clock clock;

    @Inject
    public CalendarFeedRoutes(KalFeeds feeds, PersonalEvents personal, Clock clock) {
        this.feeds = feeds;
        this.personal = personal;
        this.clock = clock;
    }

    public Router router() {
        return new Router().route("GET /api/feeds/{token}", Access.PUBLIC, this::feed);
    }

    ApiResponse feed(ApiRequest request, Principal caller) {
        KalFeeds.Opened opened = feeds.open(request.pathParameter("token"));
        Kal kal = opened.kal();
        Set<Long> shown = new HashSet<>();
        shown.add(kal.id());
        kal.links().stream().filter(Kal.KalLink::from).forEach(link -> shown.add(link.kalId()));
        Instant now = clock.instant();
        var events = personal.inKals(opened.userId(), shown, now.minus(PAST), now.plus(AHEAD));
        return ApiResponse.text(200, ICalendar.CONTENT_TYPE, ICalendar.of(kal.label(), events, now))
                .withHeader("Cache-Control", "private, max-age=300");
    }
}
