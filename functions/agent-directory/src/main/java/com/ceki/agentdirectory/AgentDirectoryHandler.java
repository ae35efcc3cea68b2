package com.ceki.agentdirectory;

import com.ceki.http.HttpFunction;

/** Lambda entry point of the public agent directory: list, public profile, public schedules. No credentials. */
public final class AgentDirectoryHandler extends HttpFunction {

    public AgentDirectoryHandler() {
        super(DaggerAgentDirectoryComponent.create().routes().router());
    }
}
