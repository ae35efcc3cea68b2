package com.ceki.agentregistration;

import com.ceki.http.HttpFunction;

/**
 * Lambda entry point of agent registration: register, verify-email, resend-code (all public). The object graph
 * is built once per container, at construction.
 */
public final class AgentRegistrationHandler extends HttpFunction {

    public AgentRegistrationHandler() {
        super(DaggerAgentRegistrationComponent.create().routes().router());
    }
}
