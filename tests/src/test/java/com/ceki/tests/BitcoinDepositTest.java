package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ceki.core.money.Currency;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Deposits;
import com.ceki.tests.support.EsploraStub;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bitcoin deposits through an Esplora API: confirmations from the tip, mempool and replaced transactions. */
class BitcoinDepositTest {

    private final Api api = TestServer.api();

    @Test
    void creditsConfirmedOutputsOnceAndIgnoresTheMempool() {
        Map<String, Object> body = Agents.body("BTC depositor", Agents.uniqueEmail("btc-deposit"));
        body.put("currency", "BTC");
        var agent = Agents.register(body);
        String address = agent.response().body().path("wallet").path("deposit_address").asText();
        try (EsploraStub esplora = new EsploraStub()) {
            esplora.tip(800_010);
            esplora.pay(address, 15_000, 800_008L);               // 3 confirmations: credited
            String young = esplora.pay(address, 20_000, 800_009L); // 2 confirmations: not yet
            String pending = esplora.pay(address, 50_000, null);   // in the mempool
            var scanner = Deposits.scanner(Deposits.credits(), false, esplora.url());

            scanner.run();
            assertAmount("0.00015", Funding.balances(agent.id()).get(Currency.BTC));
            assertEquals("pending_deposit", status(agent), "0.00015 BTC is 15 USD at 100000");

            esplora.drop(address, pending);                        // replaced: it never confirms
            esplora.tip(800_011);
            scanner.run();
            assertAmount("0.00035", Funding.balances(agent.id()).get(Currency.BTC));
            assertEquals("active", status(agent), "35 USD in total crosses the activation amount");

            scanner.run();
            assertEquals(2, Funding.entries(agent.id()).size(), "each output is credited once: " + young);
            Funding.assertLedgerMatchesBalances(agent.id());
        }
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    private String status(Agents.Registered agent) {
        return api.get("/api/agent/me", agent.apiKey()).body().path("agent").path("status").asText();
    }
}
