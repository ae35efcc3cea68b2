package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Switched off unless {@code -Dlocalstack=true} (needs a Docker engine, which this project's CI machines lack).
 * With the switch every test class runs against LocalStack through {@link TestServer}; this one states it and
 * replays the end-to-end registration flow so that a focused run ({@code -Dtest=LocalStackSmokeTest}) proves it.
 */
@EnabledIfSystemProperty(named = "localstack", matches = "true")
class LocalStackSmokeTest {

    @Test
    void theRegistrationFlowWorksAgainstLocalStack() {
        assertTrue(TestServer.LOCALSTACK);
        new AgentRegistrationTest().registersVerifiesAndUsesTheKeyEndToEnd();
    }
}
