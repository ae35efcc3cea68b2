package com.ceki.mcp;

import com.ceki.agentaccount.AgentAccountHandler;
import com.ceki.agentdirectory.AgentDirectoryHandler;
import com.ceki.agentregistration.AgentRegistrationHandler;
import com.ceki.agentschedules.AgentSchedulesHandler;
import com.ceki.agentsearch.AgentSearchHandler;
import com.ceki.agentwallet.AgentWalletHandler;
import com.ceki.http.Router;
import java.util.EnumMap;
import java.util.Map;

/**
 * The routers the tools dispatch to: each function's own, built as its Lambda builds it (its handler's
 * constructor, its Dagger graph) on the first call that needs it, so a cold start builds one graph, not six.
 */
final class Targets {

    private final Map<Tool.Target, Router> built = new EnumMap<>(Tool.Target.class);

    synchronized Router router(Tool.Target target) {
        return built.computeIfAbsent(target, t -> switch (t) {
            case DIRECTORY -> new AgentDirectoryHandler().router();
            case REGISTRATION -> new AgentRegistrationHandler().router();
            case ACCOUNT -> new AgentAccountHandler().router();
            case WALLET -> new AgentWalletHandler().router();
            case SCHEDULES -> new AgentSchedulesHandler().router();
            case SEARCH -> new AgentSearchHandler().router();
        });
    }

    /**
     * Before a snapshot: every target built (a restored copy then pays for none of the six graphs) and primed as its
     * own function primes it ({@link Router#prime}: nothing written).
     */
    void prime() {
        for (Tool.Target target : Tool.Target.values()) {
            router(target).prime();
        }
    }
}
