package com.ceki.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.Unauthenticated;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate of API.md's auth rules, by status. */
class AccessTest {

    private static Optional<Principal> agent(String status, boolean verified) {
        return Optional.of(new Principal(Principal.Kind.AGENT, 1, status, verified));
    }

    @Test
    void withoutACredentialEveryProtectedRouteIs401() {
        for (Access access : Access.values()) {
            if (access != Access.PUBLIC) {
                assertThrows(Unauthenticated.class, () -> access.check(Optional.empty()), access.name());
            }
        }
    }

    @Test
    void statusesGateAsApiMdSays() {
        assertEquals(1, Access.AGENT.check(agent("pending_deposit", false)).id());
        assertThrows(Forbidden.class, () -> Access.AGENT_ACTIVE.check(agent("pending_deposit", true)));
        assertEquals(1, Access.AGENT_ACTIVE.check(agent("active", false)).id());
        assertThrows(Forbidden.class, () -> Access.AGENT_ACTIVE_VERIFIED.check(agent("active", false)));
        assertEquals(1, Access.AGENT_ACTIVE_VERIFIED.check(agent("active", true)).id());
        for (String blocked : new String[] {"suspended", "banned"}) {
            assertThrows(Forbidden.class, () -> Access.AGENT.check(agent(blocked, true)));
            assertEquals(1, Access.AGENT_ANY_STATUS.check(agent(blocked, true)).id());
        }
    }

    @Test
    void agentsAndUsersStayOnTheirSide() {
        var user = Optional.of(new Principal(Principal.Kind.USER, 2, "active", true));
        assertThrows(Forbidden.class, () -> Access.AGENT.check(user));
        assertThrows(Forbidden.class, () -> Access.USER.check(agent("active", true)));
        assertEquals(2, Access.USER.check(user).id());
    }
}
