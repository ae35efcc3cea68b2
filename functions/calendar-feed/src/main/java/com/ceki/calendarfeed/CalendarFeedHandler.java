package com.ceki.calendarfeed;

import com.ceki.http.HttpFunction;

/** Lambda entry point: kal feeds for calendar apps (public; the token in the URL is the credential). */
public final class CalendarFeedHandler extends HttpFunction {

    public CalendarFeedHandler() {
        super(DaggerCalendarFeedComponent.create().routes().router());
    }
}
