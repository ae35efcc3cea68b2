package com.ceki.agents;

import com.ceki.agents.AgentProfile.Field;
import com.ceki.agents.AgentRepository.CodeState;
import com.ceki.billing.Wallet;
import com.ceki.billing.WalletRepository;
import com.ceki.core.auth.ApiKeys;
import com.ceki.core.email.EmailMessage;
import com.ceki.core.email.Mailer;
import com.ceki.core.errors.TooManyRequests;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.Currency;
import com.ceki.core.money.DepositAddresses;
import com.ceki.core.money.UsdRates;
import com.ceki.storage.Throttle;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Becoming an agent: registration (key, wallet with its deposit address, calendar, email code in one
 * transaction), email verification and code resend.
 */
public final class AgentRegistration {

    public static final Duration CODE_TTL = Duration.ofMinutes(15);
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
    public static final int MAX_CODE_ATTEMPTS = 5;
    private static final int ID_ATTEMPTS = 3;

    /** What registration hands back: the raw key exists only here, once. */
    public record Registration(Agent agent, String apiKey, Wallet wallet, BigDecimal requiredAmount,
                               BigDecimal requiredUsd, boolean codeSent) {}

    private final AgentRepository agents;
    private final WalletRepository wallets;
    private final DepositAddresses addresses;
    private final EmailCodes codes;
    private final Mailer mailer;
    private final UsdRates rates;
    private final IdGenerator ids;
    private final Clock clock;
    private final BigDecimal activationUsd;
    private final Throttle resendThrottle;

    public AgentRegistration(AgentRepository agents, WalletRepository wallets, DepositAddresses addresses, EmailCodes codes, Mailer mailer,
                         UsdRates rates, IdGenerator ids, Clock clock, BigDecimal activationUsd) {
        this.agents = agents;
        this.wallets = wallets;
        this.addresses = addresses;
        this.codes = codes;
        this.mailer = mailer;
        this.rates = rates;
        this.ids = ids;
        this.clock = clock;
        this.activationUsd = activationUsd;
        this.resendThrottle = new Throttle(agents.table(), "resend-code", RESEND_INTERVAL);
    }

    public Registration register(String email, Currency currency, Map<Field, Object> profileValues) {
        AgentProfile profile = ProfileRules.toProfile(profileValues);
        Instant now = clock.instant();
        // Checked before an address index is spent (the transaction below guards the race): an HD wallet only
        // scans a limited gap of unused addresses, so failed registrations must not burn indexes.
        if (agents.findIdByEmail(email).isPresent()) {
            throw emailTaken();
        }
        // Quoted first: a stale rate fails the call before anything is written (not after the key was minted).
        BigDecimal required = Amounts.fromUsd(activationUsd, currency, rates);
        long index = wallets.allocateAddressIndex(currency.chain());
        String address = addresses.address(currency.chain(), index);
        String apiKey = ApiKeys.generate();
        for (int attempt = 1; ; attempt++) {
            long agentId = ids.next();
            String code = codes.newCode();
            CodeState codeState = new CodeState(codes.hash(agentId, code), now.plus(CODE_TTL).getEpochSecond(), 0,
                    now.toEpochMilli());
            Wallet wallet = new Wallet(ids.next(), currency, BigDecimal.ZERO, address, index);
            long kalId = ids.next();
            try {
                agents.create(new AgentRepository.NewAgent(agentId, email, ApiKeys.hash(apiKey),
                        ApiKeys.displayPrefix(apiKey), currency, kalId, profile, wallet, codeState, now));
            } catch (AgentRepository.EmailTaken e) {
                throw emailTaken();
            } catch (AgentRepository.IdCollision e) {
                if (attempt == ID_ATTEMPTS) {
                    throw new IllegalStateException("Could not mint unused ids", e);
                }
                continue;
            }
            Agent agent = agents.find(agentId).orElseThrow();
            resendThrottle.hit(email.toLowerCase(Locale.ROOT), now); // the first code counts as a send
            // The account exists and its key is about to be shown once: a mail failure must not fail the request.
            boolean sent = sendCode(agent.email(), agent.profile().name(), code);
            return new Registration(agent, apiKey, wallet, required, activationUsd, sent);
        }
    }

    /**
     * Confirms the email with its code. Unknown emails and wrong codes get the same 422, whether or not the email
     * is already verified; repeating a successful verification with its code succeeds again (idempotent).
     */
    public Agent verifyEmail(String email, String code) {
        long agentId = agents.findIdByEmail(email).orElseThrow(AgentRegistration::invalidCode);
        Agent agent = agents.find(agentId).orElseThrow(AgentRegistration::invalidCode);
        CodeState state = agents.spendCodeAttempt(agentId, MAX_CODE_ATTEMPTS)
                .orElseThrow(agent.emailVerified() ? AgentRegistration::invalidCode : AgentRegistration::deadCode);
        if (agent.emailVerified()) {
            if (!codes.matches(agentId, code, state.hash())) {
                throw invalidCode();
            }
            return agent;
        }
        if (clock.instant().getEpochSecond() >= state.expiresAtEpochSecond()) {
            throw deadCode();
        }
        if (!codes.matches(agentId, code, state.hash())) {
            throw invalidCode();
        }
        if (!agents.markEmailVerified(agentId, state.hash(), clock.instant())) {
            throw deadCode(); // a resend replaced the code meanwhile
        }
        return agents.find(agentId).orElseThrow();
    }

    /**
     * Sends a new code, killing the previous one; at most one a minute per address. Unknown and already verified
     * addresses get the same answers (including the 429) and no mail, so the endpoint reveals nobody.
     */
    public void resendCode(String email) {
        resendThrottle.hit(email.toLowerCase(Locale.ROOT), clock.instant())
                .ifPresent(wait -> {
                    throw new TooManyRequests(wait);
                });
        var agentId = agents.findIdByEmail(email);
        if (agentId.isEmpty()) {
            return;
        }
        Agent agent = agents.find(agentId.get()).orElse(null);
        if (agent == null || agent.emailVerified()) {
            return;
        }
        Instant now = clock.instant();
        String code = codes.newCode();
        CodeState state = new CodeState(codes.hash(agent.id(), code), now.plus(CODE_TTL).getEpochSecond(), 0,
                now.toEpochMilli());
        long limit = now.minus(RESEND_INTERVAL).toEpochMilli();
        agents.replaceCode(agent.id(), state, limit).ifPresent(lastSent -> {
            long waitMillis = lastSent + RESEND_INTERVAL.toMillis() - now.toEpochMilli();
            throw new TooManyRequests((waitMillis + 999) / 1000);
        });
        sendCode(agent.email(), agent.profile().name(), code);
    }

    private boolean sendCode(String email, String name, String code) {
        String text = "Hello " + name + ",\n\nyour verification code is " + code + ".\n"
                + "It is valid for " + CODE_TTL.toMinutes() + " minutes and can be used once.\n";
        String html = "<p>Hello " + escape(name) + ",</p><p>your verification code is <strong>" + code
                + "</strong>.</p><p>It is valid for " + CODE_TTL.toMinutes() + " minutes and can be used once.</p>";
        try {
            mailer.send(new EmailMessage(email, "Your verification code: " + code, text, html));
            return true;
        } catch (RuntimeException e) {
            System.err.println("WARN verification email not sent: " + e.getClass().getSimpleName());
            return false;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static ValidationFailed emailTaken() {
        return ValidationFailed.of("email", "The email has already been taken.");
    }

    private static ValidationFailed invalidCode() {
        return ValidationFailed.of("code", "The code is invalid or has expired.");
    }

    /** The same message as a wrong code: no answer may tell a pending address from an unknown one. */
    private static ValidationFailed deadCode() {
        return invalidCode();
    }
}
