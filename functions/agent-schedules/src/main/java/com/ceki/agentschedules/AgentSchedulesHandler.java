package com.ceki.agentschedules;

import com.ceki.http.HttpFunction;

/** Lambda entry point of agent schedules; creating one is billed ({@code schedule_create}). */
public final class AgentSchedulesHandler extends HttpFunction {

    public AgentSchedulesHandler() {
        super(DaggerAgentSchedulesComponent.create().routes().router());
    }
}
