package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wallet API: balances with their USD value, one wallet per currency, transactions, usage periods. */
class WalletTest {

    private final Api api = TestServer.api();

    @Test
    void listsWalletsWithTheirTotalAndUsdValue() {
        var agent = Agents.register("wallets");
        assertEquals(201, api.post("/api/agent/wallet", Map.of("currency", "BTC"), agent.apiKey()).status());
        Funding.deposit(agent.id(), Currency.USDT, "15.50");
        Funding.deposit(agent.id(), Currency.BTC, "0.00025");
        JsonNode body = api.get("/api/agent/wallet", agent.apiKey()).body();
        assertEquals(2, body.path("wallets").size());
        assertEquals("USDT", body.path("wallets").get(0).path("currency").asText(), "registration wallet first");
        assertEquals("15.50", body.path("wallets").get(0).path("balance").asText());
        assertEquals("0.00025000", body.path("wallets").get(1).path("balance").asText());
        assertEquals("15.50025", body.path("total").asText(), "the reference's naive total");
        assertEquals("40.50", body.path("total_usd").asText(), "15.50 + 0.00025 BTC at 100000");
    }

    @Test
    void opensOneWalletPerCurrencyWithItsOwnAddress() {
        var agent = Agents.register("open");
        Api.Response eth = api.post("/api/agent/wallet", Map.of("currency", "ETH"), agent.apiKey());
        assertEquals(201, eth.status(), eth::toString);
        assertEquals("ETH", eth.text("currency"));
        assertEquals("0.01000000", eth.text("min_deposit"));
        assertEquals("0.00000000", eth.body().path("wallet").path("balance").asText());
        String address = eth.text("deposit_address");
        assertTrue(address.matches("0x[0-9a-fA-F]{40}"));
        assertNotEquals(agent.response().body().path("wallet").path("deposit_address").asText(), address,
                "each wallet has its own address");

        Api.Response again = api.post("/api/agent/wallet", Map.of("currency", "ETH"), agent.apiKey());
        assertEquals(200, again.status(), "an existing wallet is returned, not recreated");
        assertEquals(address, again.text("deposit_address"));
        assertEquals(eth.body().path("wallet").path("id"), again.body().path("wallet").path("id"));

        Api.Response existing = api.post("/api/agent/wallet", Map.of("currency", "USDT"), agent.apiKey());
        assertEquals(200, existing.status());
        assertEquals("1.00", existing.text("min_deposit"));

        for (Object bad : new Object[] {"XRP", "eth", 5}) {
            Api.Response refused = api.post("/api/agent/wallet", Map.of("currency", bad), agent.apiKey());
            assertEquals(422, refused.status(), bad + " -> " + refused);
        }
        assertEquals(422, api.post("/api/agent/wallet", Map.of(), agent.apiKey()).status());
    }

    @Test
    void pagesTransactionsNewestFirst() {
        var agent = Agents.register("history");
        for (int i = 1; i <= 53; i++) {
            Funding.deposit(agent.id(), Currency.USDT, i + ".00");
        }
        JsonNode first = api.get("/api/agent/wallet/transactions", agent.apiKey()).body();
        assertEquals(1, first.path("current_page").asInt());
        assertEquals(50, first.path("per_page").asInt());
        assertEquals(53, first.path("total").asInt());
        assertEquals(50, first.path("data").size());
        assertEquals("53.00", first.path("data").get(0).path("amount").asText());
        assertEquals("deposit", first.path("data").get(0).path("type").asText());
        assertTrue(first.path("data").get(0).path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        JsonNode second = api.get("/api/agent/wallet/transactions?page=2", agent.apiKey()).body();
        assertEquals(3, second.path("data").size());
        assertEquals("1.00", second.path("data").get(2).path("amount").asText());
        assertEquals(0, api.get("/api/agent/wallet/transactions?page=3", agent.apiKey()).body().path("data").size());
        assertEquals(422, api.get("/api/agent/wallet/transactions?page=0", agent.apiKey()).status());
    }

    @Test
    void usagePeriodsAreValidated() {
        var agent = Agents.register("periods");
        String current = YearMonth.from(Clocks.adjustable().instant().atZone(ZoneOffset.UTC)).toString();
        JsonNode byDefault = api.get("/api/agent/wallet/usage", agent.apiKey()).body();
        assertEquals(current, byDefault.path("period").asText());
        assertEquals(3, byDefault.path("usage").size(), "every billable type is listed");
        for (String bad : new String[] {"2026-13", "26-04", "2026-4", "april", "2026-04-01"}) {
            Api.Response refused = api.get("/api/agent/wallet/usage?period=" + bad, agent.apiKey());
            assertEquals(422, refused.status(), bad);
            assertEquals("The period field must match the format Y-m.", refused.body().path("errors").path("period").get(0).asText());
        }
        String future = YearMonth.parse(current).plusMonths(1).toString();
        Api.Response later = api.get("/api/agent/wallet/usage?period=" + future, agent.apiKey());
        assertEquals(422, later.status());
        assertEquals(200, api.get("/api/agent/wallet/usage?period=2024-01", agent.apiKey()).status());
    }

    @Test
    void walletsAreTheCallersOnly() {
        var a = Agents.register("mine");
        var b = Agents.register("theirs");
        Funding.deposit(a.id(), Currency.USDT, "7.00");
        assertEquals("0.00", api.get("/api/agent/wallet", b.apiKey()).body().path("wallets").get(0).path("balance").asText());
        assertEquals(0, api.get("/api/agent/wallet/transactions", b.apiKey()).body().path("total").asInt());
        assertEquals(401, api.get("/api/agent/wallet", null).status());
    }
}
