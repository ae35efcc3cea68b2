package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import com.ceki.deposits.DepositCredits;
import com.ceki.depositscanner.ScanCursors;
import com.ceki.local.LocalServer;
import com.ceki.local.chain.LocalChain;
import com.ceki.local.faults.Fault;
import com.ceki.local.faults.FaultProxy;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Deposits;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deposit scanner against real transfers on anvil: finality, exactly-once credits, look-alike tokens,
 * reverted transfers, reorganisations, activation at the threshold, and a run killed half-way.
 */
class DepositScannerTest {

    private static LocalChain chain;
    private final Api api = TestServer.api();

    @BeforeAll
    static void catchUp() {
        chain = Deposits.chain();
        Deposits.scan(); // whatever other tests left on the chain is scanned before these begin
    }

    @AfterAll
    static void close() {
        chain.close();
    }

    @Test
    void creditsEtherAndBothTokensOnceTheyAreFinalAndOnlyOnce() {
        var agent = Agents.register("deposits");
        String usdtAddress = address(agent);
        String ethAddress = open(agent, "ETH");
        String usdcAddress = open(agent, "USDC");
        chain.mint(Deposits.usdt(), usdtAddress, new BigDecimal("25"), 0);
        chain.sendEther(1, ethAddress, new BigDecimal("0.5"));
        chain.mint(Deposits.usdc(), usdcAddress, new BigDecimal("5"), 0);

        chain.mine(5);
        Deposits.scan();
        assertEquals(0, Funding.entries(agent.id()).size(), "nothing is credited before 12 confirmations");

        chain.mine(12);
        Deposits.scan();
        var balances = Funding.balances(agent.id());
        assertAmount("25", balances.get(Currency.USDT));
        assertAmount("0.5", balances.get(Currency.ETH));
        assertAmount("5", balances.get(Currency.USDC));
        assertEquals("active", status(agent), "25 USDT reaches the 20 USD activation amount");
        assertTrue(TestServer.mailbox().to(agent.email()).stream()
                .anyMatch(m -> m.path("subject").asText().startsWith("Deposit received: 25.00 USDT")));

        Deposits.scan();
        assertEquals(3, Funding.entries(agent.id()).size(), "a second run credits nothing again");

        // Rescan the whole range from the start: every deposit is recognised, nothing changes.
        var cursors = new ScanCursors(TestServer.table());
        var before = cursors.get(Chain.ETHEREUM).orElseThrow();
        cursors.save(Chain.ETHEREUM, new ScanCursors.Cursor(Math.max(0, before.nextBlock() - 40), -1, null));
        Deposits.scan();
        assertEquals(3, Funding.entries(agent.id()).size());
        assertEquals(balances, Funding.balances(agent.id()));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aLookAlikeTokenAndARevertedTransferAreIgnored() {
        var agent = Agents.register("lookalike");
        String fake = chain.deployToken(LocalServer.repoRoot(), "Tether USD", "USDT", 1);
        chain.mint(fake, address(agent), new BigDecimal("100"), 1);
        var reverted = chain.transferToken(Deposits.usdt(), 2, address(agent), new BigDecimal("10")); // account 2 holds none
        assertFalse(reverted.isStatusOK(), "the transfer must fail on chain");
        chain.mine(12);
        Deposits.scan();
        assertEquals(0, Funding.entries(agent.id()).size());
        assertEquals("pending_deposit", status(agent));
    }

    @Test
    void aNodeErrorOrASlowNodeMidScanSkipsNothing() {
        var agent = Agents.register("node-error");
        chain.mint(Deposits.usdt(), address(agent), new BigDecimal("25"), 0);
        chain.mine(12);
        FaultProxy node = TestServer.faults().ethereum();
        // A node under load: every call 100 ms slower, and the log query refused once with a JSON-RPC error.
        Fault slow = node.inject(Fault.on().delay(Duration.ofMillis(100)));
        Fault refused = node.inject(Fault.on("eth_getLogs").times(1).jsonRpcError(-32005, "query timeout exceeded"));
        try {
            assertThrows(RuntimeException.class, Deposits::scan);
            assertEquals(1, refused.injected());
            assertAmount("0", Funding.balances(agent.id()).getOrDefault(Currency.USDT, BigDecimal.ZERO));

            Deposits.scan(); // slow, but the log query answers now
            assertTrue(slow.injected() > 0);
        } finally {
            node.clear();
        }
        assertAmount("25", Funding.balances(agent.id()).get(Currency.USDT));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void activationCrossesExactlyAtTheThresholdAndTinyDepositsAreNotCredited() {
        var agent = Agents.register("threshold");
        chain.mint(Deposits.usdt(), address(agent), new BigDecimal("19.99"), 0);
        chain.mine(12);
        Deposits.scan();
        assertEquals("pending_deposit", status(agent));

        var tiny = chain.mint(Deposits.usdt(), address(agent), new BigDecimal("0.50"), 0); // below the 1.00 minimum
        chain.mine(12);
        Deposits.scan();
        assertEquals("pending_deposit", status(agent));
        Item record = depositRecord(tiny.getTransactionHash(), tiny.getLogs().getFirst().getLogIndex().toString());
        assertEquals("below_minimum", record.string("status"));

        chain.mint(Deposits.usdt(), address(agent), new BigDecimal("1.00"), 0);
        chain.mine(12);
        Deposits.scan();
        assertEquals("active", status(agent));
        assertAmount("20.99", Funding.balances(agent.id()).get(Currency.USDT));
        assertTrue(api.get("/api/agent/agents/" + agent.id()).status() == 200, "an activated agent is public");
    }

    @Test
    void aDepositReorganisedAwayBeforeFinalityIsNeverCredited() {
        var agent = Agents.register("reorg");
        String snapshot = chain.snapshot();
        chain.mint(Deposits.usdt(), address(agent), new BigDecimal("30"), 0);
        chain.mine(5);
        Deposits.scan();
        chain.revert(snapshot);
        chain.mine(20); // a different chain of blocks at the same heights
        Deposits.scan();
        assertEquals(0, Funding.entries(agent.id()).size());
        assertEquals("pending_deposit", status(agent));
    }

    @Test
    void aReorganisationAfterFinalityIsFlaggedAndNothingIsCreditedTwice() {
        var agent = Agents.register("deepreorg");
        String snapshot = chain.snapshot();
        chain.mint(Deposits.usdt(), address(agent), new BigDecimal("30"), 0);
        chain.mine(12);
        Deposits.scan();
        assertAmount("30", Funding.balances(agent.id()).get(Currency.USDT));
        var cursor = new ScanCursors(TestServer.table()).get(Chain.ETHEREUM).orElseThrow();

        chain.revert(snapshot);
        chain.mine(30);
        Deposits.scan();
        Item alert = Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.reorgAlert("ETHEREUM"), Keys.pad(cursor.lastBlock())).map()).consistentRead(true)).item());
        assertEquals(cursor.lastBlockHash(), alert.string("expected_hash"), "the reorganisation is reported");
        assertEquals(1, Funding.entries(agent.id()).size(), "credited once, never twice");
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aRunKilledHalfWayEndsLikeOneCleanRun() {
        List<Agents.Registered> agents = List.of(Agents.register("killed-1"), Agents.register("killed-2"), Agents.register("killed-3"));
        for (var agent : agents) {
            chain.mint(Deposits.usdt(), address(agent), new BigDecimal("21"), 0);
        }
        chain.mine(12);
        DepositCredits real = Deposits.credits();
        DepositCredits dying = new DepositCredits(null, null, null, null, null, null, null, null, null, null) {
            private int credited;

            @Override
            public Outcome credit(Deposit deposit, long agentId) {
                if (credited == 1) {
                    throw new IllegalStateException("the Lambda timed out here");
                }
                Outcome outcome = real.credit(deposit, agentId);
                if (outcome == Outcome.CREDITED) {
                    credited++;
                }
                return outcome;
            }
        };
        assertThrows(IllegalStateException.class, () -> Deposits.scanner(dying, true, null).run());
        assertEquals(1, agents.stream().filter(a -> !Funding.entries(a.id()).isEmpty()).count(), "one credit before the crash");

        Deposits.scanner(real, true, null).run();
        for (var agent : agents) {
            assertEquals(1, Funding.entries(agent.id()).size(), "exactly one credit for " + agent.email());
            assertAmount("21", Funding.balances(agent.id()).get(Currency.USDT));
            assertEquals("active", status(agent));
        }
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    private String address(Agents.Registered agent) {
        return agent.response().body().path("wallet").path("deposit_address").asText();
    }

    private String open(Agents.Registered agent, String currency) {
        return api.post("/api/agent/wallet", Map.of("currency", currency), agent.apiKey()).text("deposit_address");
    }

    private String status(Agents.Registered agent) {
        return api.get("/api/agent/me", agent.apiKey()).body().path("agent").path("status").asText();
    }

    private static Item depositRecord(String txHash, String index) {
        return Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.deposit("ETHEREUM", txHash, index), Keys.DEPOSIT).map()).consistentRead(true)).item());
    }
}
