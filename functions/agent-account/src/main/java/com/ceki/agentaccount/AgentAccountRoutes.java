package com.ceki.agentaccount;

import com.ceki.agents.AgentAccounts;
import com.ceki.agents.AgentProfile;
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
import com.ceki.core.time.Timestamps;
import com.ceki.webhooks.WebhookAttempts;
import com.ceki.webhooks.WebhookSecrets;
import com.ceki.webhooks.WebhookTargets;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import javax.inject.Inject;

/**
 * The routes of the agent's own account (profile, API key, webhook secret and deliveries): validate, call the domain,
 * shape the response.
 */
public final class AgentAccountRoutes {

    private static final int MAX_DELIVERIES = 100;
    private static final int DEFAULT_DELIVERIES = 20;

    private final AgentAccounts accounts;
    private final WebhookSecrets webhookSecrets;
    private final WebhookAttempts webhookAttempts;
    private final WebhookTargets webhookTargets;
    private final UsageMeter meter;
    private final Clock clock;

    @Inject
    public AgentAccountRoutes(AgentAccounts accounts, WebhookSecrets webhookSecrets, WebhookAttempts webhookAttempts,
                              WebhookTargets webhookTargets, UsageMeter meter, Clock clock) {
        this.accounts = accounts;
        this.webhookSecrets = webhookSecrets;
        this.webhookAttempts = webhookAttempts;
        this.webhookTargets = webhookTargets;
        this.meter = meter;
        this.clock = clock;
    }

    public Router router() {
        return new Router(meter, null, clock)
                .metered("POST /api/agent/regenerate-key", Access.AGENT, "key_regenerate", this::regenerateKey)
                .metered("GET /api/agent/me", Access.AGENT_ANY_STATUS, "profile_read", (request, caller) -> me(caller))
                .metered("PATCH /api/agent/me", Access.AGENT, "profile_update", this::updateMe)
                .metered("POST /api/agent/webhook-secret", Access.AGENT, "webhook_secret_rotate", (request, caller) -> rotateWebhookSecret(caller))
                .metered("GET /api/agent/webhooks/deliveries", Access.AGENT, "webhook_deliveries_read", this::deliveries);
    }

    ApiResponse rotateWebhookSecret(Principal caller) {
        WebhookSecrets.Rotated rotated = webhookSecrets.rotate(caller.id());
        return ApiResponse.created(Json.object()
                .put("webhook_secret", rotated.secret())
                .put("created_at", Timestamps.seconds(rotated.createdAt()))
                .put("previous_secret_expires_at", Timestamps.seconds(rotated.previousExpiresAt()))
                .put("message", rotated.previousExpiresAt() == null
                        ? "Webhook secret created. Save it — it will not be shown again."
                        : "Webhook secret rotated. Save it — it will not be shown again. Deliveries carry both signatures until "
                          + Timestamps.seconds(rotated.previousExpiresAt()) + "."));
    }

    ApiResponse deliveries(ApiRequest request, Principal caller) {
        Validator v = Validator.ofQuery(request.query());
        long limit = v.integer("limit").between(1, MAX_DELIVERIES).valueOr(DEFAULT_DELIVERIES);
        v.check();
        ArrayNode data = Json.array();
        for (WebhookAttempts.Attempt a : webhookAttempts.recent(caller.id(), (int) limit)) {
            data.addObject().put("webhook_id", a.webhookId()).put("event_type", a.eventType())
                    .put("attempt", a.attempt()).put("attempted_at", Timestamps.seconds(a.attemptedAt()))
                    .put("outcome", a.outcome()).put("status_code", a.statusCode()).put("error", a.error())
                    .put("duration_ms", a.durationMs()).put("url", a.url());
        }
        ObjectNode body = Json.object();
        body.set("data", data);
        return ApiResponse.ok(body);
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
        webhookTargets.validateCallbackUrl(v, "callback_url", (String) changes.get(AgentProfile.Field.CALLBACK_URL));
        v.check();
        var profile = changes.isEmpty() ? accounts.profile(caller.id()) : accounts.updateProfile(caller.id(), changes);
        ObjectNode body = Json.object();
        body.set("agent", AgentViews.own(profile.agent(), profile.wallets()));
        return ApiResponse.ok(body);
    }
}
