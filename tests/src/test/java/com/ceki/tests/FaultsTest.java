package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.UsageOutbox;
import com.ceki.billing.UsageRepository;
import com.ceki.billing.UsageRepository.MonthlyUsage;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.core.time.Months;
import com.ceki.local.faults.Fault;
import com.ceki.local.faults.FaultyBackend;
import com.ceki.local.runner.LocalApi;
import com.ceki.storage.Item;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Eventually;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.Schedules;
import com.ceki.tests.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure paths the emulators never take on their own, driven through the fault proxies between the functions
 * and the emulators ({@link FaultyBackend}): each injected fault answers what the real service answers under it.
 */
class FaultsTest {

    private static final long SEED = 19;

    private final Api api = TestServer.api();
    private final FaultyBackend faults = TestServer.faults();

    @AfterEach
    void forwardEverythingAgain() {
        faults.clear();
    }

    @Test
    void theRaceStillHasExactlyKWinnersWhenAThirdOfTransactionsConflict() throws Exception {
        var a = Schedules.activeAgent("conflicts");
        Funding.deposit(a.agent().id(), Currency.USDT, "5.00");
        Fault conflicts = faults.dynamodb().inject(Fault.on("TransactWriteItems").share(0.3, SEED).transactionConflict());

        List<Api.Response> responses = Parallel.run(12,
                i -> api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()));
        faults.clear();

        List<Integer> statuses = responses.stream().map(Api.Response::status).toList();
        assertTrue(conflicts.injected() > 0, "no conflict was injected");
        assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(7, statuses.stream().filter(s -> s == 402).count(), statuses::toString);
        assertEquals(0, Funding.balances(a.agent().id()).get(Currency.USDT).signum());
        assertEquals(5, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
        Funding.assertLedgerMatchesBalances(a.agent().id());
        System.out.printf("[faults] %d of the race's transactions cancelled by an injected conflict%n", conflicts.injected());
    }

    @Test
    void aConflictIsRetriedByTheClientAndChargesOnce() {
        var a = Schedules.activeAgent("conflict-retried");
        Funding.deposit(a.agent().id(), Currency.USDT, "3.00");
        Fault conflicts = faults.dynamodb().inject(Fault.on("TransactWriteItems").times(4).transactionConflict());

        Api.Response created = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());

        assertEquals(201, created.status(), created::toString);
        assertEquals(4, conflicts.injected());
        assertEquals(new BigDecimal("2.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void aWalletThatKeepsConflictingIs503WithRetryAfterAndNothingCharged() {
        var a = Schedules.activeAgent("conflict-forever");
        Funding.deposit(a.agent().id(), Currency.USDT, "3.00");
        faults.dynamodb().inject(Fault.on("TransactWriteItems").transactionConflict());

        Api.Response refused = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
        faults.clear();

        assertEquals(503, refused.status(), refused::toString);
        assertEquals(Optional.of("1"), refused.headers().firstValue("Retry-After"));
        assertEquals(new BigDecimal("3.00"), Funding.balances(a.agent().id()).get(Currency.USDT).setScale(2));
        assertEquals(0, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt());
        Funding.assertLedgerMatchesBalances(a.agent().id());
    }

    @Test
    void throttlingIsRetriedAndAFailingTableIs503NotA500() {
        var agent = Agents.register("throttled");
        Fault throttled = faults.dynamodb().inject(Fault.on("Query").times(3).dynamoError(
                "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded."));
        Api.Response wallet = api.get("/api/agent/wallet", agent.apiKey());
        assertEquals(200, wallet.status(), wallet::toString);
        assertEquals(3, throttled.injected());

        faults.dynamodb().inject(Fault.on("Query").status(500));
        Api.Response failing = api.get("/api/agent/wallet", agent.apiKey());
        assertEquals(503, failing.status(), failing::toString);
        assertEquals(Optional.of("1"), failing.headers().firstValue("Retry-After"));
        assertEquals("The service is busy; try again.", failing.text("message"));
    }

    @Test
    void aDroppedConnectionThrottlingAndACallPastTheClientTimeoutAreRetried() {
        var agent = Agents.register("flaky-network");
        // One after another on the same call's attempts: the connection dropped, throttled, then an answer later
        // than the HTTP client's 10 s socket timeout (the SDK gives up on that attempt and sends the call again).
        Fault dropped = faults.dynamodb().inject(Fault.on("Query").times(1).dropConnection());
        Fault throttled = faults.dynamodb().inject(Fault.on("Query").times(1).dynamoError("ThrottlingException",
                "Rate of requests exceeds the allowed throughput."));
        Fault late = faults.dynamodb().inject(Fault.on("Query").times(1).delay(Duration.ofSeconds(11)));

        Api.Response wallet = api.get("/api/agent/wallet", agent.apiKey());

        assertEquals(200, wallet.status(), wallet::toString);
        assertEquals(1, late.injected());
        assertEquals(1, dropped.injected());
        assertEquals(1, throttled.injected());
    }

    @Test
    void anSqsOutageDelaysUsageButLosesNone() {
        var a = Schedules.activeAgent("sqs-outage");
        long id = a.agent().id();
        Funding.deposit(id, Currency.USDT, "10.00");
        String month = Months.current(Clocks.adjustable()).toString();
        Fault down = faults.sqs().inject(Fault.on().status(503));
        for (int i = 0; i < 3; i++) {
            Api.Response created = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
            assertEquals(201, created.status(), created::toString);
        }
        for (int i = 0; i < 5; i++) {
            Api.Response read = api.get("/api/agent/wallet", a.agent().apiKey());
            assertEquals(200, read.status(), read::toString);
        }
        faults.sqs().remove(down);
        assertTrue(down.injected() >= 8, "the queue was not down: " + down.injected());
        UsageRepository usage = new UsageRepository(TestServer.table());
        assertEquals(Map.of(), counts(usage.month(id, month)), "counted while the queue was down");

        Clocks.adjustable().advance(Duration.ofMinutes(3)); // past USAGE_SWEEP_AFTER_SECONDS
        String swept = (String) TestServer.get().api().invoke("UsageSweepFunction", LocalApi.scheduledEvent());
        assertTrue(Integer.parseInt(swept.substring("queued ".length())) >= 8, swept);

        Eventually.await("the swept usage counted", Duration.ofSeconds(20),
                () -> counts(usage.month(id, month)).equals(Map.of("schedule_create", 3L, "wallet_read", 5L)));
        // Swept again (nothing left of this agent's) and redelivered: still counted once.
        TestServer.get().api().invoke("UsageSweepFunction", LocalApi.scheduledEvent());
        MonthlyUsage created = usage.month(id, month).stream().filter(u -> u.type().equals("schedule_create")).findFirst().orElseThrow();
        assertEquals(3, created.count());
        assertEquals(0, new BigDecimal("3.00").compareTo(created.totalChargedUsd()));
        Funding.assertLedgerMatchesBalances(id);
    }

    @Test
    void aCallWhoseWorkFailsIsRefundedAndItsUsageDiscarded() {
        var a = Schedules.activeAgent("refunded-usage");
        long id = a.agent().id();
        Funding.deposit(id, Currency.USDT, "3.00");
        // The charge's transaction commits; the schedule's own PutItem then fails on every attempt.
        Fault failing = faults.dynamodb().inject(Fault.on("PutItem").status(500));

        Api.Response refused = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());
        faults.clear();

        assertEquals(503, refused.status(), refused::toString);
        assertTrue(failing.injected() > 1, "the SDK did not retry the 500");
        assertEquals(new BigDecimal("3.00"), Funding.balances(id).get(Currency.USDT).setScale(2));
        assertEquals(List.of("refund", "charge", "deposit"), Funding.entries(id).stream().map(e -> e.type().wire()).toList());
        assertEquals(0, pendingUsage(id), "the refunded call's usage is still in the outbox");
        Funding.assertLedgerMatchesBalances(id);
    }

    @Test
    void anItemDynamoDbRefusesAsTooLargeIs422AndTheChargeRefunded() {
        var a = Schedules.activeAgent("too-large");
        long id = a.agent().id();
        Funding.deposit(id, Currency.USDT, "3.00");
        // DynamoDB's own answer to an item past 400 KB, for a write the validators let through.
        faults.dynamodb().inject(Fault.on("PutItem").times(1).dynamoError("ValidationException",
                "Item size has exceeded the maximum allowed size"));

        Api.Response refused = api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey());

        assertEquals(422, refused.status(), refused::toString);
        assertTrue(refused.body().path("errors").has("body"), refused::toString);
        assertEquals(new BigDecimal("3.00"), Funding.balances(id).get(Currency.USDT).setScale(2));
        Funding.assertLedgerMatchesBalances(id);
    }

    @Test
    void aRegistrationPastTheItemLimitIs422NamingTheBody() {
        // Every field within its own limit, in four-byte characters: together far past DynamoDB's 400 KB item.
        String wide = "\uD83D\uDE00".repeat(2_500); // 5,000 UTF-16 units, 10,000 bytes of UTF-8
        Map<String, Object> body = Agents.body("Wide", Agents.uniqueEmail("wide"));
        body.put("description", wide);
        body.put("limitations", wide);
        body.put("example_requests", IntStream.range(0, 20)
                .mapToObj(i -> Map.of("title", "t" + i, "body", "\uD83D\uDE00".repeat(10_000))).toList());
        Api.Response refused = api.post("/api/agent/register", body);
        assertEquals(422, refused.status(), refused::toString);
        assertTrue(refused.body().path("errors").has("body"), refused::toString);
        assertEquals(0, TestServer.table().client().query(q -> q.tableName(TestServer.table().name())
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk",
                        Item.attr("AGENT_EMAIL#" + ((String) body.get("email")).toLowerCase()))))
                .count());
    }

    /** The agent's usage events waiting in the outbox (the sweeper's GSI1 partition). */
    private static int pendingUsage(long agentId) {
        return TestServer.table().client().query(q -> q.tableName(TestServer.table().name()).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :p").filterExpression("agent_id = :agent")
                .expressionAttributeValues(Map.of(":p", Item.attr(UsageOutbox.PENDING), ":agent", Item.attr(agentId))))
                .count();
    }

    private static Map<String, Long> counts(List<MonthlyUsage> month) {
        return month.stream().filter(u -> u.type().equals("schedule_create") || u.type().equals("wallet_read"))
                .collect(Collectors.toMap(MonthlyUsage::type, MonthlyUsage::count));
    }
}
