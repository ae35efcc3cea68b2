package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.StoredUsdRates;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.deposits.DepositCredits.Outcome;
import com.ceki.local.chain.LocalChain;
import com.ceki.local.faults.Fault;
import com.ceki.local.faults.FaultProxy;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Deposits;
import com.ceki.tests.support.EsploraStub;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin deposits read by blocks through an Esplora API: confirmations from the tip, the mempool never counted, every
 * transaction of a block however many pay one address, an Esplora failure mid-block that skips nothing, a
 * reorganisation below finality reported, and a stale rate that holds BTC deposits (and only them) until it is fresh.
 */
class BitcoinDepositTest {

    private final Api api = TestServer.api();

    @Test
    void creditsConfirmedOutputsOnceAndIgnoresTheMempool() {
        var agent = bitcoinAgent("btc-deposit");
        String address = address(agent);
        try (EsploraStub esplora = new EsploraStub()) {
            esplora.tip(800_010);
            Deposits.scanBitcoinFrom(800_000);
            esplora.pay(address, 15_000, 800_008L);               // 3 confirmations: credited
            String young = esplora.pay(address, 20_000, 800_009L); // 2 confirmations: not yet
            String pending = esplora.pay(address, 50_000, null);   // in the mempool
            var scanner = Deposits.scanner(Deposits.credits(), false, esplora.url());

            scanner.run();
            assertAmount("0.00015", Funding.balances(agent.id()).get(Currency.BTC));
            assertEquals("pending_deposit", status(agent), "0.00015 BTC is 15 USD at 100000");
            assertEquals(800_009, Deposits.bitcoinCursor().nextBlock(), "the cursor stops after the newest final block");

            esplora.drop(pending);                                 // replaced: it never confirms
            esplora.tip(800_011);
            scanner.run();
            assertAmount("0.00035", Funding.balances(agent.id()).get(Currency.BTC));
            assertEquals("active", status(agent), "35 USD in total crosses the activation amount");

            scanner.run();
            assertEquals(2, Funding.entries(agent.id()).size(), "each output is credited once: " + young);
            Funding.assertLedgerMatchesBalances(agent.id());
        }
    }

    @Test
    void everyTransactionOfABlockIsReadHoweverManyPayOneAddress() {
        var agent = bitcoinAgent("btc-many");
        String address = address(agent);
        try (EsploraStub esplora = new EsploraStub()) {
            esplora.tip(810_003);
            Deposits.scanBitcoinFrom(810_001);
            for (int i = 0; i < 60; i++) { // three pages of Esplora's 25
                esplora.pay(address, 10_000, 810_001L);
            }
            for (int i = 0; i < 30; i++) { // other addresses' payments in the same block
                esplora.pay("bcrt1qsomeoneelse" + i, 10_000, 810_001L);
            }

            var summary = Deposits.scanner(Deposits.credits(), false, esplora.url()).run();

            assertEquals(60, summary.outcomes().get(Outcome.CREDITED), summary::toString);
            assertAmount("0.006", Funding.balances(agent.id()).get(Currency.BTC));
            assertEquals(60, Funding.entries(agent.id()).size(), "one entry per output");
            // tip, hash, block, four pages of 90 transactions: the cost follows the block, not the addresses
            assertTrue(esplora.requests() <= 8, "requests: " + esplora.requests());
            Funding.assertLedgerMatchesBalances(agent.id());
        }
    }

    @Test
    void anEsploraFailureMidBlockSkipsNothing() {
        var agent = bitcoinAgent("btc-esplora-down");
        String address = address(agent);
        try (EsploraStub esplora = new EsploraStub(); FaultProxy proxy = FaultProxy.start("esplora", esplora.url())) {
            esplora.tip(840_010);
            Deposits.scanBitcoinFrom(840_006);
            esplora.pay(address, 10_000, 840_006L);
            for (int i = 0; i < 30; i++) {
                esplora.pay(address, 10_000, 840_007L);
            }
            // The second page of block 840,007 fails, as an Esplora server under load answers.
            Fault down = proxy.inject(Fault.on("GET /block/" + esplora.hash(840_007) + "/txs/25").status(503));
            var scanner = Deposits.scanner(Deposits.credits(), false, proxy.endpoint());

            assertThrows(RuntimeException.class, scanner::run);
            assertEquals(1, down.injected());
            assertEquals(840_007, Deposits.bitcoinCursor().nextBlock(), "the cursor stays before the block it could not read");
            assertAmount("0.0001", Funding.balances(agent.id()).get(Currency.BTC));

            proxy.remove(down);
            scanner.run();
            assertAmount("0.0031", Funding.balances(agent.id()).get(Currency.BTC));
            assertEquals(31, Funding.entries(agent.id()).size());
            Funding.assertLedgerMatchesBalances(agent.id());
        }
    }

    @Test
    void aReorganisationBelowFinalityIsReported() {
        try (EsploraStub esplora = new EsploraStub()) {
            esplora.tip(820_010);
            Deposits.scanBitcoinFrom(820_000);
            var scanner = Deposits.scanner(Deposits.credits(), false, esplora.url());
            scanner.run();
            long last = Deposits.bitcoinCursor().lastBlock();
            String before = esplora.hash(last);

            esplora.reorg(last);
            scanner.run();

            Item alert = Item.from(TestServer.table().client().getItem(g -> g.tableName(TestServer.table().name())
                    .key(Item.key(Keys.reorgAlert("BITCOIN"), Keys.pad(last)).map()).consistentRead(true)).item());
            assertEquals(before, alert.string("expected_hash"), "the reorganisation is reported");
            assertEquals(esplora.hash(last), alert.string("actual_hash"));
        }
    }

    @Test
    void aStaleRateHoldsBitcoinDepositsWhileStablecoinsAreCredited() {
        var btc = bitcoinAgent("btc-stale");
        var usdt = Agents.register("usdt-stale");
        try (EsploraStub esplora = new EsploraStub(); LocalChain chain = Deposits.chain()) {
            esplora.tip(830_010);
            Deposits.scanBitcoinFrom(830_005);
            esplora.pay(address(btc), 30_000, 830_006L);
            chain.mint(Deposits.usdt(), address(usdt), new BigDecimal("25"), 0);
            chain.mine(12);
            StoredUsdRates.store(TestServer.table(), new BigDecimal("100000"), new BigDecimal("4000"),
                    Clocks.adjustable().instant().minusSeconds(3600));
            try {
                var summary = Deposits.scanner(Deposits.credits(), true, esplora.url()).run();

                assertTrue(summary.outcomes().getOrDefault(Outcome.AWAITING_RATE, 0) >= 1, summary::toString);
                assertAmount("25", Funding.balances(usdt.id()).get(Currency.USDT));
                assertAmount("0", Funding.balances(btc.id()).get(Currency.BTC));
                assertEquals(830_009, Deposits.bitcoinCursor().nextBlock(), "the cursor moved past the held deposit's block");
            } finally {
                StoredUsdRates.store(TestServer.table(), new BigDecimal("100000"), new BigDecimal("4000"),
                        Clocks.adjustable().instant());
            }
            var summary = Deposits.scanner(Deposits.credits(), true, esplora.url()).run();

            assertTrue(summary.outcomes().getOrDefault(Outcome.CREDITED, 0) >= 1, summary::toString);
            assertAmount("0.0003", Funding.balances(btc.id()).get(Currency.BTC));
            assertEquals("active", status(btc), "30 USD at a fresh rate activates");
            Deposits.scanner(Deposits.credits(), true, esplora.url()).run();
            assertEquals(1, Funding.entries(btc.id()).size(), "held once, credited once");
            Funding.assertLedgerMatchesBalances(btc.id());
            Funding.assertLedgerMatchesBalances(usdt.id());
        }
    }

    private static Agents.Registered bitcoinAgent(String label) {
        Map<String, Object> body = Agents.body("BTC " + label, Agents.uniqueEmail(label));
        body.put("currency", "BTC");
        return Agents.register(body);
    }

    private static String address(Agents.Registered agent) {
        return agent.response().body().path("wallet").path("deposit_address").asText();
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        BigDecimal value = actual == null ? BigDecimal.ZERO : actual;
        assertEquals(0, new BigDecimal(expected).compareTo(value), "expected " + expected + " but was " + actual);
    }

    private String status(Agents.Registered agent) {
        return api.get("/api/agent/me", agent.apiKey()).body().path("agent").path("status").asText();
    }
}
