package com.ceki.agentaccount;

import com.ceki.http.HttpFunction;

/**
 * Lambda entry point of the agent-account function: register, verify-email, resend-code, regenerate-key and
 * {@code GET}/{@code PATCH /api/agent/me}. The object graph is built once per container, at construction.
 */
public final class AgentAccountHandler extends HttpFunction {

    public AgentAccountHandler() {
        super(DaggerAgentAccountComponent.create().routes().router());
    }
}
