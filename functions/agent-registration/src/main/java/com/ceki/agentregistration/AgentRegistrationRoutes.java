package com.ceki.agentregistration;

import com.ceki.agents.AgentProfile;
import com.ceki.agents.AgentRegistration;
import com.ceki.agents.ProfileRules;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.Currency;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.webhooks.WebhookTargets;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.inject.Inject;

/** The routes of agent registration: validate, call {@link AgentRegistration}, shape the response. */
public final class AgentRegistrationRoutes {

    private static final String[] CURRENCIES = {"BTC", "ETH", "USDT", "USDC"};

    private final AgentRegistration registration;
    private final WebhookTargets targets;

    @Inject
    public AgentRegistrationRoutes(AgentRegistration registration, WebhookTargets targets) {
        this.registration = registration;
        this.targets = targets;
    }

    public Router router() {
        return new Router()
                .route("POST /api/agent/register", Access.PUBLIC, (request, caller) -> register(request))
                .route("POST /api/agent/verify-email", Access.PUBLIC, (request, caller) -> verifyEmail(request))
                .route("POST /api/agent/resend-code", Access.PUBLIC, (request, caller) -> resendCode(request));
    }

    ApiResponse register(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(255).email().value();
        String currencyCode = v.string("currency").in(CURRENCIES).value();
        var profile = ProfileRules.read(v, true);
        targets.validateCallbackUrl(v, "callback_url", (String) profile.get(AgentProfile.Field.CALLBACK_URL));
        v.check();
        Currency currency = currencyCode == null ? Currency.USDT : Currency.valueOf(currencyCode);

        AgentRegistration.Registration r = registration.register(email, currency, profile);
        String required = Amounts.format(r.requiredAmount(), currency);
        String requiredUsd = Amounts.usd(r.requiredUsd());
        ObjectNode body = Json.object();
        body.put("agent_id", r.agent().id());
        body.put("api_key", r.apiKey());
        body.put("status", r.agent().status().wire());
        body.put("email_verified", false);
        body.put("kal_id", r.agent().kalId());
        ObjectNode wallet = body.putObject("wallet");
        wallet.put("currency", currency.name());
        wallet.put("deposit_address", r.wallet().depositAddress());
        wallet.put("required_amount", required);
        wallet.put("required_usd", requiredUsd);
        body.put("message", "Registration successful. Deposit " + required + " " + currency.name() + " (~$" + requiredUsd
                + ") to activate your account. "
                + (r.codeSent() ? "Verify your email to access user profiles."
                                : "We could not send the verification email; request a new code with /api/agent/resend-code."));
        return ApiResponse.created(body);
    }

    ApiResponse verifyEmail(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(255).email().value();
        String code = v.string("code").required().size(6).digits().value();
        v.check();
        var agent = registration.verifyEmail(email, code);
        return ApiResponse.ok(Json.object()
                .put("agent_id", agent.id())
                .put("email_verified", true)
                .put("status", agent.status().wire())
                .put("message", "Email verified successfully."));
    }

    ApiResponse resendCode(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(255).email().value();
        v.check();
        registration.resendCode(email);
        return ApiResponse.ok(Json.object().put("message", "Verification code resent"));
    }
}
