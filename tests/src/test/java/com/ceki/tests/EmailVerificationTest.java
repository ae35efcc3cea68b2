package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 6-digit email code: expiry, single use, attempt limit, resend throttle. Time moves with the test clock. */
class EmailVerificationTest {

    private final Api api = TestServer.api();

    @AfterEach
    void resetClock() {
        Clocks.adjustable().reset();
    }

    @Test
    void aCodeExpiresAfterFifteenMinutes() {
        var agent = Agents.register("expiry");
        String code = TestServer.mailbox().latestCode(agent.email());
        Clocks.adjustable().advance(Duration.ofMinutes(15).plusSeconds(1));
        Api.Response response = verify(agent.email(), code);
        assertEquals(422, response.status(), response::toString);
        assertEquals("The code is invalid or has expired.",
                response.body().path("errors").path("code").get(0).asText());
        assertFalse(emailVerified(agent));
    }

    @Test
    void aCodeStillWorksJustBeforeItExpires() {
        var agent = Agents.register("almost");
        String code = TestServer.mailbox().latestCode(agent.email());
        Clocks.adjustable().advance(Duration.ofMinutes(14).plusSeconds(50));
        assertEquals(200, verify(agent.email(), code).status());
    }

    @Test
    void fiveWrongCodesKillTheCodeEvenForTheRightOneAfterwards() {
        var agent = Agents.register("attempts");
        String code = TestServer.mailbox().latestCode(agent.email());
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            Api.Response response = verify(agent.email(), wrong);
            assertEquals(422, response.status());
            assertEquals("The code is invalid or has expired.", response.body().path("errors").path("code").get(0).asText());
        }
        Api.Response right = verify(agent.email(), code);
        assertEquals(422, right.status(), right::toString);
        assertFalse(emailVerified(agent));
    }

    @Test
    void aResentCodeReplacesTheOldOneAndIsThrottled() {
        var agent = Agents.register("resend");
        String first = TestServer.mailbox().latestCode(agent.email());

        Api.Response tooSoon = api.post("/api/agent/resend-code", Map.of("email", agent.email()));
        assertEquals(429, tooSoon.status(), tooSoon::toString);
        assertEquals("Too Many Attempts.", tooSoon.text("message"));
        long retryAfter = Long.parseLong(tooSoon.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(1, TestServer.mailbox().to(agent.email()).size(), "a throttled resend must not send mail");

        Clocks.adjustable().advance(Duration.ofSeconds(61));
        Api.Response resent = api.post("/api/agent/resend-code", Map.of("email", agent.email()));
        assertEquals(200, resent.status(), resent::toString);
        assertEquals("Verification code resent", resent.text("message"));
        assertEquals(2, TestServer.mailbox().to(agent.email()).size());
        String second = TestServer.mailbox().latestCode(agent.email());

        if (!first.equals(second)) {
            assertEquals(422, verify(agent.email(), first).status(), "the previous code must be dead");
        }
        assertEquals(200, verify(agent.email(), second).status());
        assertTrue(emailVerified(agent));
    }

    @Test
    void verifyingAgainIsIdempotentAndRevealsNothing() {
        var agent = Agents.register("again");
        String code = TestServer.mailbox().latestCode(agent.email());
        assertEquals(200, verify(agent.email(), code).status());
        assertEquals(200, verify(agent.email(), code).status(), "repeating a successful verification succeeds again");
        String wrong = code.equals("999999") ? "888888" : "999999";
        Api.Response guess = verify(agent.email(), wrong);
        assertEquals(422, guess.status(), "a verified address answers a wrong code like any other");
        assertEquals("The code is invalid or has expired.", guess.body().path("errors").path("code").get(0).asText());
        // A resend for a verified address sends nothing.
        Clocks.adjustable().advance(Duration.ofSeconds(61));
        assertEquals(200, api.post("/api/agent/resend-code", Map.of("email", agent.email())).status());
        assertEquals(1, TestServer.mailbox().to(agent.email()).size());
    }

    @Test
    void unknownAddressesAreThrottledLikeRealOnes() {
        String nobody = Agents.uniqueEmail("ghost");
        assertEquals(200, api.post("/api/agent/resend-code", Map.of("email", nobody)).status());
        Api.Response second = api.post("/api/agent/resend-code", Map.of("email", nobody));
        assertEquals(429, second.status(), "the throttle must not reveal that the address is unknown");
        assertTrue(second.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void unknownEmailsLookExactlyLikeWrongCodes() {
        Api.Response unknown = verify(Agents.uniqueEmail("nobody"), "123456");
        assertEquals(422, unknown.status());
        assertEquals("The code is invalid or has expired.", unknown.body().path("errors").path("code").get(0).asText());
        Api.Response resendUnknown = api.post("/api/agent/resend-code", Map.of("email", Agents.uniqueEmail("nobody")));
        assertEquals(200, resendUnknown.status());
        assertEquals("Verification code resent", resendUnknown.text("message"));
    }

    @Test
    void validatesTheVerificationRequest() {
        Api.Response response = verify("bad", "12345");
        assertEquals(422, response.status());
        assertEquals("The email field must be a valid email address.", response.body().path("errors").path("email").get(0).asText());
        assertEquals("The code field must be 6 characters.", response.body().path("errors").path("code").get(0).asText());
        Api.Response letters = verify("a@example.com", "12a456");
        assertEquals("The code field must only contain digits.", letters.body().path("errors").path("code").get(0).asText());
        Api.Response number = api.post("/api/agent/verify-email", Map.of("email", "a@example.com", "code", 123456));
        assertEquals("The code field must be a string.", number.body().path("errors").path("code").get(0).asText());
        assertNotEquals(500, api.post("/api/agent/resend-code", "{").status());
    }

    private Api.Response verify(String email, String code) {
        return api.post("/api/agent/verify-email", Map.of("email", email, "code", code));
    }

    private boolean emailVerified(Agents.Registered agent) {
        return api.get("/api/agent/me", agent.apiKey()).body().path("agent").path("email_verified").asBoolean();
    }
}
