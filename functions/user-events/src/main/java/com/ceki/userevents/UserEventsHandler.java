package com.ceki.userevents;

import com.ceki.http.HttpFunction;

/** Lambda entry point: a person's events, corrections and trackers. */
public final class UserEventsHandler extends HttpFunction {

    public UserEventsHandler() {
        super(DaggerUserEventsComponent.create().routes().router());
    }
}
