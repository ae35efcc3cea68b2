package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.StoredUsdRates;
import com.ceki.core.money.Currency;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.Schedules;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pay-per-call through a billable route ({@code POST /api/agent/schedules}, 1.00 USD), against the real table. */
class BillingTest {

    private final Api api = TestServer.api();

    @Test
    void aBillableCallIsChargedOnceAndLedgered() {
        var a = Schedules.activeAgent("charge");
        Funding.deposit(a.agent().id(), Currency.USDT, "3.00");
        Api.Response created = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
        assertEquals(201, created.status(), created::toString);
        assertEquals(new BigDecimal("2.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));

        JsonNode page = api.get("/api/agent/wallet/transactions", a.agent().apiKey()).body();
        assertEquals(2, page.path("total").asInt());
        JsonNode charge = page.path("data").get(0);
        assertEquals("charge", charge.path("type").asText());
        assertEquals("-1.00", charge.path("amount").asText());
        assertEquals("USDT", charge.path("currency").asText());
        assertEquals("schedule_create", charge.path("description").asText());
        assertEquals("deposit", page.path("data").get(1).path("type").asText());
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void tooLittleEverywhereIsA402AndNothingIsWritten() {
        var a = Schedules.activeAgent("poor");
        Funding.deposit(a.agent().id(), Currency.USDT, "0.50");
        Api.Response refused = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
        assertEquals(402, refused.status(), refused::toString);
        assertEquals("{\"message\":\"Insufficient wallet balance.\",\"required\":\"1.00\",\"currency\":\"USDT\",\"balance\":\"0.50\"}",
                refused.body().toString());
        assertEquals(0, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
        assertEquals(1, Funding.entries(a.agent().id()).size(), "only the deposit");
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void pendingAgentsAre403BeforeAnyCharge() {
        var agent = Agents.register("pending-pay");
        Funding.deposit(agent.id(), Currency.USDT, "5.00");
        Api.Response refused = api.post("/api/agent/schedules",
                Schedules.body(agent.response().body().path("kal_id").asLong()), agent.apiKey());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals(new BigDecimal("5.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
    }

    @Test
    void parallelCallsNeverOverdrawOneWallet() throws Exception {
        var a = Schedules.activeAgent("race-one");
        Funding.deposit(a.agent().id(), Currency.USDT, "5.00");
        List<Integer> statuses = race(a, 12);
        assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(7, statuses.stream().filter(s -> s == 402).count(), statuses::toString);
        assertEquals(0, Funding.balances(a.agent().id()).get(Currency.USDT).signum());
        assertEquals(5, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void parallelCallsNeverOverdrawTwoWallets() throws Exception {
        var a = Schedules.activeAgent("race-two");
        assertEquals(201, api.post("/api/agent/wallet", Map.of("currency", "USDC"), a.agent().apiKey()).status());
        Funding.deposit(a.agent().id(), Currency.USDT, "2.00");
        Funding.deposit(a.agent().id(), Currency.USDC, "3.50");
        List<Integer> statuses = race(a, 10);
        assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(5, statuses.stream().filter(s -> s == 402).count(), statuses::toString);
        var balances = Funding.balances(a.agent().id());
        assertEquals(0, balances.get(Currency.USDT).signum(), "the registration currency pays first");
        assertEquals(new BigDecimal("0.50"), balances.get(Currency.USDC).setScale(2));
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void aBitcoinWalletPaysAtTheCurrentRateAndAStaleRateIsA503() {
        var a = Schedules.activeAgent("btc-pay");
        assertEquals(201, api.post("/api/agent/wallet", Map.of("currency", "BTC"), a.agent().apiKey()).status());
        Funding.deposit(a.agent().id(), Currency.BTC, "0.00003");
        assertEquals(201, api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()).status());
        // 1.00 USD at 100000 USD/BTC is 0.00001 BTC.
        assertEquals(new BigDecimal("0.00002"), Funding.balances(a.agent().id()).get(Currency.BTC).stripTrailingZeros());
        try {
            StoredUsdRates.store(TestServer.table(), new BigDecimal("100000"), new BigDecimal("4000"),
                    Instant.now().minusSeconds(3600));
            Thread.sleep(5_100); // past the rates' in-memory cache
            Api.Response stale = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
            assertEquals(503, stale.status(), stale::toString);
            assertTrue(stale.text("message").contains("Exchange rates are stale"));
            assertEquals(new BigDecimal("0.00002"), Funding.balances(a.agent().id()).get(Currency.BTC).stripTrailingZeros());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            StoredUsdRates.store(TestServer.table(), new BigDecimal("100000"), new BigDecimal("4000"), Instant.now());
        }
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndRejectsAnotherBody() {
        var a = Schedules.activeAgent("idem");
        Funding.deposit(a.agent().id(), Currency.USDT, "5.00");
        Map<String, Object> body = Schedules.body(a.kalId());
        Api.Response first = post(a, body, "key-1");
        assertEquals(201, first.status(), first::toString);
        Api.Response replay = post(a, body, "key-1");
        assertEquals(201, replay.status());
        assertEquals(first.body(), replay.body(), "the same schedule, not a new one");
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(new BigDecimal("4.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2), "charged once");

        Map<String, Object> other = Schedules.body(a.kalId());
        other.put("timezone", "UTC");
        Api.Response mismatch = post(a, other, "key-1");
        assertEquals(409, mismatch.status(), mismatch::toString);
        assertEquals(new BigDecimal("4.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));

        Api.Response fresh = post(a, body, "key-2");
        assertEquals(201, fresh.status());
        assertNotEquals(first.body().path("schedule").path("id"), fresh.body().path("schedule").path("id"));
        assertEquals(new BigDecimal("3.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));
        Api.Response badKey = post(a, body, " ");
        assertEquals(422, badKey.status(), badKey::toString);
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void parallelRetriesWithOneIdempotencyKeyChargeOnce() throws Exception {
        var a = Schedules.activeAgent("idem-race");
        Funding.deposit(a.agent().id(), Currency.USDT, "5.00");
        Map<String, Object> body = Schedules.body(a.kalId());
        int created = 0;
        for (Api.Response r : Parallel.run(8, i -> post(a, body, "same-key"))) {
            assertTrue(r.status() == 201 || r.status() == 409, "status " + r.status());
            created += r.status() == 201 ? 1 : 0;
        }
        assertTrue(created >= 1);
        assertEquals(new BigDecimal("4.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));
        assertEquals(1, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
    }

    private Api.Response post(Schedules.ActiveAgent a, Map<String, Object> body, String idempotencyKey) {
        return api.postOnce("/api/agent/schedules", body, a.agent().apiKey(), idempotencyKey);
    }

    /** {@code n} schedule creations released at once; their statuses. */
    private List<Integer> race(Schedules.ActiveAgent a, int n) throws Exception {
        return Parallel.run(n, i -> api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()).status());
    }
}
