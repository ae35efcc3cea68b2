package com.ceki.agentaccount;

import com.ceki.http.HttpFunction;

/**
 * Lambda entry point of the agent's own account: {@code GET}/{@code PATCH /api/agent/me} and
 * {@code POST /api/agent/regenerate-key}. The object graph is built once per container, at construction.
 */
public final class AgentAccountHandler extends HttpFunction {

    public AgentAccountHandler() {
        super(DaggerAgentAccountComponent.create().routes().router());
    }
}
