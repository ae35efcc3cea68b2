package com.ceki.usercalendars;

import com.ceki.http.HttpFunction;

/** Lambda entry point: a person's calendars (/api/kals). */
public final class UserCalendarsHandler extends HttpFunction {

    public UserCalendarsHandler() {
        super(DaggerUserCalendarsComponent.create().routes().router());
    }
}
