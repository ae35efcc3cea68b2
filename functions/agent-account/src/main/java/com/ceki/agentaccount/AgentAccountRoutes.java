package com.ceki.agentaccount;

import com.ceki.agents.AgentAccounts;
import com.ceki.agents.AgentViews;
import com.ceki.agents.ProfileRules;
import com.ceki.core.auth.ApiKeys;
import com.ceki.core.auth.Principal;
import com.ceki.core.json.Json;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import javax.inject.Inject;

/** The routes of the agent's own account: validate, call {@link AgentAccounts}, shape the response. */
public final class AgentAccountRoutes {

    private final AgentAccounts accounts;
    private final UsageMeter meter;
    private final Clock clock;

    @Inject
    public AgentAccountRoutes(AgentAccounts accounts, UsageMeter meter, Clock clock) {
        this.accounts = accounts;
        this.meter = meter;
        this.clock = clock;
    }

    public Router router() {
        return new Router(meter, null, clock)
                .metered("POST /api/agent/regenerate-key", Access.AGENT, "key_regenerate", this::regenerateKey)
                .metered("GET /api/agent/me", Access.AGENT_ANY_STATUS, "profile_read", (request, caller) -> me(caller))
                .metered("PATCH /api/agent/me", Access.AGENT, "profile_update", this::updateMe);
    }

    ApiResponse regenerateKey(ApiRequest request, Principal caller) {
        String presented = ApiKeys.bearerToken(request.header("authorization").orElse(null));
        String key = accounts.regenerateKey(caller.id(), presented);
        return ApiResponse.ok(Json.object()
                .put("api_key", key)
                .put("message", "API key regenerated. Save it — it will not be shown again."));
    }

    ApiResponse me(Principal caller) {
        var profile = accounts.profile(caller.id());
        ObjectNode body = Json.object();
        body.set("agent", AgentViews.own(profile.agent(), profile.wallets()));
        return ApiResponse.ok(body);
    }

    ApiResponse updateMe(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        var changes = ProfileRules.read(v, false);
        v.check();
        var profile = changes.isEmpty() ? accounts.profile(caller.id()) : accounts.updateProfile(caller.id(), changes);
        ObjectNode body = Json.object();
        body.set("agent", AgentViews.own(profile.agent(), profile.wallets()));
        return ApiResponse.ok(body);
    }
}
