package com.ceki.userschedules;

import com.ceki.http.HttpFunction;

/** Lambda entry point: user schedules, members, booking and the platform search (/api/schedules). */
public final class UserSchedulesHandler extends HttpFunction {

    public UserSchedulesHandler() {
        super(DaggerUserSchedulesComponent.create().routes().router());
    }
}
