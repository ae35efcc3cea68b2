package com.ceki.agentsearch;

import com.ceki.http.HttpFunction;

/** Lambda entry point: the paid agent endpoints over people (specialist search, user profiles). */
public final class AgentSearchHandler extends HttpFunction {

    public AgentSearchHandler() {
        super(DaggerAgentSearchComponent.create().routes().router());
    }
}
