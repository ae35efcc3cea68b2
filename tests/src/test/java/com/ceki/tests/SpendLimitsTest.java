package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.Billing;
import com.ceki.billing.FreeTier;
import com.ceki.billing.Ledger;
import com.ceki.billing.SpendLimits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.UsageOutbox;
import com.ceki.billing.WalletRepository;
import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.money.Prices;
import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.FreeViews;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.Schedules;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Webhooks;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spend limits per agent ({@code GET/PUT /api/agent/limits}): caps per call, UTC day and UTC month, enforced in the
 * charge's own transaction.
 */
class SpendLimitsTest {

    private static final String LIMITS = "/api/agent/limits";
    private static final String SEARCH = "/api/agent/search/specialists";
    private final Api api = TestServer.api();

    @BeforeEach
    void clock() {
        Clocks.adjustable().reset();
    }

    @Test
    void parallelCallsNeverPassTheDailyCap() throws Exception {
        var a = Schedules.activeAgent("limit-day");
        Funding.deposit(a.agent().id(), Currency.USDT, "100.00");
        setLimits(a.agent().apiKey(), null, "3.00", null); // three schedules at 1.00

        List<Api.Response> answers = Parallel.run(9, i ->
                api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()));

        assertEquals(3, answers.stream().filter(r -> r.status() == 201).count(), answers::toString);
        List<Api.Response> refused = answers.stream().filter(r -> r.status() == 402).toList();
        assertEquals(6, refused.size(), answers::toString);
        for (Api.Response r : refused) {
            assertEquals("spend_limit_exceeded", r.body().path("code").asText(), r::toString);
            assertEquals("day", r.body().path("window").asText());
            assertEquals("3.00", r.body().path("cap_usd").asText());
            assertEquals(LocalDate.now(ZoneOffset.UTC).plusDays(1) + "T00:00:00Z", r.body().path("resets_at").asText());
            assertTrue(r.headers().firstValue("PAYMENT-REQUIRED").isEmpty(), "paying would not help");
        }
        assertEquals(3, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
        JsonNode limits = api.get(LIMITS, a.agent().apiKey()).body();
        assertEquals("3.00", limits.at("/windows/day/spent_usd").asText(), limits::toString);
        assertEquals("3.00", limits.at("/windows/month/spent_usd").asText());
        assertEquals(new BigDecimal("97.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void parallelCallsNeverPassTheMonthlyCapAndThePerCallCapRefusesAlone() throws Exception {
        var agent = ScheduleSearchTest.verifiedActiveAgent("limit-month");
        Funding.deposit(agent.id(), Currency.USDT, "100.00");
        setLimits(agent.apiKey(), null, null, "1.50"); // three searches at 0.50

        List<Api.Response> answers = Parallel.run(9, i -> api.post(SEARCH, Map.of("query", "anything"), agent.apiKey()));

        assertEquals(3, answers.stream().filter(r -> r.status() == 200).count(), answers::toString);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> {
            assertEquals(402, r.status(), r::toString);
            assertEquals("month", r.body().path("window").asText(), r::toString);
            assertEquals(YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1) + "T00:00:00Z",
                    r.body().path("resets_at").asText());
        });

        setLimits(agent.apiKey(), "0.40", null, null);
        Api.Response perCall = api.post(SEARCH, Map.of("query", "anything"), agent.apiKey());
        assertEquals(402, perCall.status(), perCall::toString);
        assertEquals(Json.stored("{\"message\":\"This call would pass the agent's per-call spend limit.\","
                + "\"code\":\"spend_limit_exceeded\",\"window\":\"per_call\",\"cap_usd\":\"0.40\",\"resets_at\":null}"),
                perCall.body());
        assertEquals(new BigDecimal("98.50"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void loweringHoldsAtOnceAndRaisingForTheNextCall() {
        var a = Schedules.activeAgent("limit-change");
        Funding.deposit(a.agent().id(), Currency.USDT, "10.00");
        setLimits(a.agent().apiKey(), null, "10", null);
        assertEquals(201, api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()).status());

        setLimits(a.agent().apiKey(), null, "1", null); // below what was spent today
        Api.Response refused = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
        assertEquals(402, refused.status(), refused::toString);
        assertEquals("day", refused.body().path("window").asText());

        JsonNode dryRun = api.post("/api/agent/schedules?dry_run=true", Schedules.body(a.kalId()), a.agent().apiKey()).body();
        assertFalse(dryRun.path("would_succeed").asBoolean(true), dryRun::toString);
        assertEquals("This call would pass the agent's daily spend limit.", dryRun.path("reason").asText());

        setLimits(a.agent().apiKey(), null, "2", null);
        assertEquals(201, api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()).status());
        assertEquals("2.00", api.get("/api/agent/wallet", a.agent().apiKey()).body().at("/limits/windows/day/spent_usd").asText());
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void freeTierCallsDoNotCountAgainstALimit() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("limit-free");
        Funding.deposit(agent.id(), Currency.USDT, "1.00");
        var person = Users.signUp("limit-free-person");
        setLimits(agent.apiKey(), null, "0", null);
        FreeViews.setUsed(agent.id(), 98);

        assertEquals(200, api.get("/api/agent/user/" + person.id(), agent.apiKey()).status());
        assertEquals(200, api.get("/api/agent/user/" + person.id(), agent.apiKey()).status());
        Api.Response paid = api.get("/api/agent/user/" + person.id(), agent.apiKey());
        assertEquals(402, paid.status(), paid::toString);
        assertEquals("spend_limit_exceeded", paid.body().path("code").asText());
        assertEquals("0.00", api.get(LIMITS, agent.apiKey()).body().at("/windows/day/spent_usd").asText());
        assertEquals(new BigDecimal("1.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
    }

    @Test
    void aRefundGivesTheSpendBack() {
        SpendLimits limits = new SpendLimits(TestServer.table(), Clocks.adjustable());
        Billing billing = new Billing(TestServer.table(), new WalletRepository(TestServer.table()),
                new Ledger(TestServer.table(), new IdGenerator(Clocks.adjustable()), Clocks.adjustable()),
                new FreeTier(TestServer.table()), limits, Webhooks.outbox(), new UsageOutbox(TestServer.table(), Clocks.adjustable()), Prices.fromConfig(Config.of(Map.of())),
                new StoredUsdRates(TestServer.table(), Clocks.adjustable(), Duration.ofMinutes(15)), Clocks.adjustable());
        var agent = Agents.register("limit-refund");
        Funding.deposit(agent.id(), Currency.USDT, "5.00");
        limits.set(agent.id(), null, new BigDecimal("1.00"), null);

        assertThrows(IllegalStateException.class, () -> billing.run(agent.id(), Prices.SCHEDULE_CREATE,
                "limit-refund-" + agent.id(), () -> {
                    throw new IllegalStateException("the work failed after the charge");
                }));

        assertEquals(0, limits.status(agent.id()).day().spentUsd().signum(), "the refund gave the day's spend back");
        assertEquals(0, limits.status(agent.id()).month().spentUsd().signum());
        billing.charge(agent.id(), Prices.SCHEDULE_CREATE, "limit-refund-again-" + agent.id()); // the room is back
        assertEquals(0, new BigDecimal("1.00").compareTo(limits.status(agent.id()).day().spentUsd()));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void limitsAreValidatedAndShown() {
        var agent = Agents.register("limit-shape");
        JsonNode none = api.get(LIMITS, agent.apiKey()).body();
        assertTrue(none.path("per_call_usd").isNull() && none.path("daily_usd").isNull() && none.path("monthly_usd").isNull(),
                none::toString);
        assertEquals("0.00", none.at("/windows/day/spent_usd").asText());
        assertTrue(none.at("/windows/day/cap_usd").isNull());

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("daily_usd", "-1"), Map.of("monthly_usd", "abc"),
                Map.of("per_call_usd", 2_000_000), Map.of("daily_usd", "0.0000001"), Map.of("daily_usd", true))) {
            Api.Response refused = api.send("PUT", LIMITS, bad, "Bearer " + agent.apiKey(), Map.of());
            assertEquals(422, refused.status(), () -> bad + ": " + refused);
            assertTrue(refused.body().path("errors").has(bad.keySet().iterator().next()), refused::toString);
        }
        JsonNode set = setLimits(agent.apiKey(), "2.5", "10", null);
        assertEquals("2.50", set.path("per_call_usd").asText());
        assertEquals("10.00", set.path("daily_usd").asText());
        assertTrue(set.path("monthly_usd").isNull());
        assertEquals("10.00", set.at("/windows/day/cap_usd").asText());
        assertEquals(set, api.get(LIMITS, agent.apiKey()).body());
        assertEquals(set, api.get("/api/agent/wallet", agent.apiKey()).body().path("limits"));
    }

    private JsonNode setLimits(String apiKey, String perCall, String daily, String monthly) {
        Map<String, Object> body = new HashMap<>();
        body.put("per_call_usd", perCall);
        body.put("daily_usd", daily);
        body.put("monthly_usd", monthly);
        Api.Response response = api.send("PUT", LIMITS, body, "Bearer " + apiKey, Map.of());
        assertEquals(200, response.status(), response::toString);
        return response.body();
    }
}
