package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.config.Config;
import com.ceki.core.json.Json;
import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.deposits.Deposit;
import com.ceki.local.chain.LocalChain;
import com.ceki.local.runner.LocalQueues;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Deposits;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.WebhookReceiver;
import com.ceki.tests.support.WebhookReceiver.Received;
import com.ceki.tests.support.Webhooks;
import com.ceki.webhooks.WebhookAttempts;
import com.ceki.webhooks.WebhookDelivery;
import com.ceki.webhooks.WebhookEvent;
import com.ceki.webhooks.WebhookEventType;
import com.ceki.webhooks.WebhookSecrets;
import com.ceki.webhooks.WebhookTargets;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Signed webhooks end to end: the events are written with the changes that cause them, queued, and delivered by the
 * delivery function (through the local runner's SQS event source) to a receiver on 127.0.0.1, which verifies them
 * with the Standard Webhooks library as an agent's receiver would.
 */
class WebhooksTest {

    private static final String SEARCH = "/api/agent/search/specialists";
    private static final String DELIVERIES = "/api/agent/webhooks/deliveries";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Api api = TestServer.api();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        Clocks.adjustable().reset();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** An agent whose callback URL is the receiver, with its webhook secret. */
    private record Hooked(Agents.Registered agent, String secret) {}

    private Hooked hooked(Agents.Registered agent) {
        Api.Response patched = api.patch("/api/agent/me", Map.of("callback_url", receiver.url()), agent.apiKey());
        assertEquals(200, patched.status(), patched::toString);
        Api.Response secret = api.post("/api/agent/webhook-secret", Map.of(), agent.apiKey());
        assertEquals(201, secret.status(), secret::toString);
        return new Hooked(agent, secret.text("webhook_secret"));
    }

    @Test
    void aDepositThatActivatesSendsTwoSignedEventsThatVerifyAndAChangedByteDoesNot() {
        Deposits.scan(); // whatever other tests left on the chain first
        Hooked h = hooked(Agents.register("hook-deposit"));
        String address = h.agent().response().body().path("wallet").path("deposit_address").asText();
        try (LocalChain chain = Deposits.chain()) {
            chain.mint(Deposits.usdt(), address, new BigDecimal("25"), 0);
            chain.mine(12);
        }
        Deposits.scan();

        Received credited = receiver.await("deposit.credited", 1, WAIT).getFirst();
        Received activated = receiver.await("agent.activated", 1, WAIT).getFirst();
        for (Received r : List.of(credited, activated)) {
            assertTrue(r.verifies(h.secret()), "the library verifies " + r);
            assertTrue(r.header("webhook-id").startsWith("msg_"));
            assertTrue(r.header("webhook-signature").startsWith("v1,"));
            assertEquals("application/json", r.header("content-type"));
        }
        String changed = credited.body().replace("\"25.00\"", "\"26.00\"");
        assertNotEquals(credited.body(), changed);
        assertFalse(credited.verifies(h.secret(), changed), "a body changed by one byte does not verify");
        assertFalse(credited.verifies(h.secret(), credited.body() + " "), "nor one with a byte added");
        assertFalse(credited.verifies(freshSecret()), "nor another secret");

        JsonNode data = credited.json().path("data");
        assertEquals("deposit.credited", credited.json().path("type").asText());
        assertEquals(h.agent().id(), data.path("agent_id").asLong());
        assertEquals("ETHEREUM", data.path("chain").asText());
        assertEquals("USDT", data.path("currency").asText());
        assertEquals("25.00", data.path("amount").asText());
        assertEquals("25.00", data.path("balance_after").asText());
        assertEquals("25.00", data.path("usd_value").asText());
        assertEquals("scan", data.path("via").asText());
        assertTrue(data.path("tx_hash").asText().startsWith("0x"));
        assertEquals("active", activated.json().at("/data/status").asText());
        assertNotEquals(credited.header("webhook-id"), activated.header("webhook-id"));

        JsonNode deliveries = api.get(DELIVERIES, h.agent().apiKey()).body().path("data");
        Set<String> delivered = stream(deliveries).filter(d -> d.path("outcome").asText().equals("delivered"))
                .map(d -> d.path("event_type").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("deposit.credited", "agent.activated"), delivered, deliveries::toString);
        stream(deliveries).forEach(d -> assertEquals(200, d.path("status_code").asInt(), d::toString));
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheSameWebhookIdUntilItSucceeds() {
        receiver.answering(500, 502, 503);
        Hooked h = hooked(activeAgent("hook-retry", "10.00"));
        putDailyCap(h.agent(), "0.50");
        assertEquals(200, search(h.agent()).status());
        assertEquals(402, search(h.agent()).status()); // the cap refuses: spend_limit.reached

        List<Received> attempts = receiver.await("spend_limit.reached", 4, WAIT);
        assertEquals(4, attempts.size(), attempts::toString);
        assertEquals(1, attempts.stream().map(r -> r.header("webhook-id")).distinct().count(), "one id on every retry");
        attempts.forEach(r -> assertTrue(r.verifies(h.secret()), "every attempt is signed afresh"));

        List<JsonNode> rows = stream(api.get(DELIVERIES, h.agent().apiKey()).body().path("data")).toList();
        assertEquals(List.of(4, 3, 2, 1), rows.stream().map(r -> r.path("attempt").asInt()).toList(), rows::toString);
        assertEquals(List.of(200, 503, 502, 500), rows.stream().map(r -> r.path("status_code").asInt()).toList());
        assertEquals(List.of("delivered", "failed", "failed", "failed"), rows.stream().map(r -> r.path("outcome").asText()).toList());
        assertEquals("HTTP 500", rows.get(3).path("error").asText());
        sleep(3000);
        assertEquals(4, receiver.received().size(), "nothing is sent again once delivered");
    }

    @Test
    void aReceiverDownForGoodEndsInTheDeadLetterQueueAfterEightAttempts() {
        receiver.answering(503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
        Hooked h = hooked(activeAgent("hook-dlq", "10.00"));
        putDailyCap(h.agent(), "0.50");
        search(h.agent());
        search(h.agent());

        List<Received> attempts = receiver.await("spend_limit.reached", 8, Duration.ofSeconds(90));
        String webhookId = attempts.getFirst().header("webhook-id");
        var queues = TestServer.get().queues();
        String deadLetters = queues.urls().get("WebhookDeadLetterQueue");
        awaitDeadLetter(queues, deadLetters, webhookId);
        sleep(3000);
        assertEquals(8, receiver.ofType("spend_limit.reached").size(), "eight attempts, then none");
        Item event = Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.agent(h.agent().id()), Keys.webhookEvent(webhookId)).map()).consistentRead(true)).item());
        assertEquals("failed", event.string("status"));
        List<JsonNode> rows = stream(api.get(DELIVERIES + "?limit=100", h.agent().apiKey()).body().path("data")).toList();
        assertEquals(8, rows.size(), rows::toString);
        rows.forEach(r -> assertEquals("failed", r.path("outcome").asText()));
    }

    @Test
    void aLowBalanceSendsOneEventPerCrossingNotOnePerCall() {
        Hooked h = hooked(activeAgent("hook-low", "5.00"));
        Api.Response set = api.patch("/api/agent/me", Map.of("low_balance_usd", "3.25"), h.agent().apiKey());
        assertEquals("3.25", set.body().at("/agent/low_balance_usd").asText(), set::toString);
        for (int i = 0; i < 6; i++) { // 4.50 4.00 3.50 | 3.00 (crosses) 2.50 2.00
            assertEquals(200, search(h.agent()).status());
        }
        Received low = receiver.await("wallet.balance_low", 1, WAIT).getFirst();
        assertTrue(low.verifies(h.secret()));
        assertEquals("3.25", low.json().at("/data/low_balance_usd").asText());
        assertEquals("3.00", low.json().at("/data/balance_usd").asText());
        sleep(1500);
        assertEquals(1, receiver.ofType("wallet.balance_low").size(), "three calls below the threshold, one event");

        // A deposit lifting the total over the threshold re-arms it, so the very next fall alerts again.
        Deposits.credits().creditPayment(new Deposit(Chain.ETHEREUM, Currency.USDT, randomTx(), "0", 1, randomTx(),
                h.agent().response().body().path("wallet").path("deposit_address").asText(), new BigDecimal("1.50")), h.agent().id());
        receiver.await("deposit.credited", 1, WAIT);
        assertEquals(200, search(h.agent()).status()); // 3.50 -> 3.00
        assertEquals(200, search(h.agent()).status()); // 2.50: still low, no event
        List<Received> lows = receiver.await("wallet.balance_low", 2, WAIT);
        sleep(2000);
        assertEquals(2, receiver.ofType("wallet.balance_low").size(), "two crossings, two events");
        assertNotEquals(lows.get(0).header("webhook-id"), lows.get(1).header("webhook-id"));
        Funding.assertLedgerMatchesBalances(h.agent().id());
    }

    @Test
    void aSpendLimitReachedIsSentOncePerWindow() {
        Hooked h = hooked(activeAgent("hook-limit", "10.00"));
        putDailyCap(h.agent(), "1.00");
        assertEquals(List.of(200, 200, 402, 402, 402), List.of(search(h.agent()).status(), search(h.agent()).status(),
                search(h.agent()).status(), search(h.agent()).status(), search(h.agent()).status()));
        Received reached = receiver.await("spend_limit.reached", 1, WAIT).getFirst();
        sleep(2000);
        assertEquals(1, receiver.ofType("spend_limit.reached").size(), "once in the window, however many refusals");
        JsonNode data = reached.json().path("data");
        assertEquals("day", data.path("window").asText());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), data.path("period").asText());
        assertEquals("1.00", data.path("cap_usd").asText());
        assertEquals(LocalDate.now(ZoneOffset.UTC).plusDays(1) + "T00:00:00Z", data.path("resets_at").asText().replace(".000000", ""));
    }

    @Test
    void aRotatedSecretSignsWithBothForADayAndIsStoredEncrypted() {
        Hooked h = hooked(activeAgent("hook-rotate", "10.00"));
        Api.Response rotated = api.post("/api/agent/webhook-secret", Map.of(), h.agent().apiKey());
        assertEquals(201, rotated.status());
        String next = rotated.text("webhook_secret");
        assertNotEquals(h.secret(), next);
        assertTrue(next.matches("whsec_[A-Za-z0-9+/]{43}="), next);
        assertFalse(rotated.body().path("previous_secret_expires_at").isNull());

        putDailyCap(h.agent(), "0.50");
        search(h.agent());
        search(h.agent());
        Received r = receiver.await("spend_limit.reached", 1, WAIT).getFirst();
        assertEquals(2, r.header("webhook-signature").split(" ").length, r.header("webhook-signature"));
        assertTrue(r.verifies(next), "the new secret verifies");
        assertTrue(r.verifies(h.secret()), "the previous one still does during the overlap");
        assertFalse(r.verifies(freshSecret()));

        Item stored = Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.agent(h.agent().id()), Keys.WEBHOOK_SECRET).map()).consistentRead(true)).item());
        String everything = stored.map().toString();
        for (String secret : List.of(next, h.secret())) {
            assertFalse(everything.contains(secret.substring("whsec_".length(), 20)), "no secret in the table");
        }
    }

    @Test
    void withTheLocalSwitchOffLoopbackTargetsAreRefusedAfterResolution() {
        Hooked plain = hooked(activeAgent("hook-switch", "1.00"));
        Agents.Registered named = activeAgent("hook-switch-name", "1.00");
        api.patch("/api/agent/me", Map.of("callback_url", "https://localhost:" + receiver.port() + "/hook"), named.apiKey());
        api.post("/api/agent/webhook-secret", Map.of(), named.apiKey());

        Config config = Config.fromEnvironment();
        var table = TestServer.table();
        WebhookDelivery production = new WebhookDelivery(table,
                new WebhookSecrets(table, config.required("WEBHOOK_SECRET_KEY"), Clocks.adjustable()),
                new WebhookTargets(false), new WebhookAttempts(table), WebhookDelivery.httpClient(),
                List.of(Duration.ofSeconds(1)), Clocks.adjustable());
        for (var agent : List.of(plain.agent(), named)) {
            // Written as a debit writes it, and not queued: only this delivery (the switch off) sees it.
            var outbox = Webhooks.outbox();
            WebhookEvent event = outbox.event(agent.id(), WebhookEventType.WALLET_BALANCE_LOW, Json.object().put("agent_id", agent.id()));
            TestServer.dynamo().transactWriteItems(t -> t.transactItems(outbox.write(event)));

            var outcome = production.deliver(agent.id(), event.id(), 1);

            assertInstanceOf(WebhookDelivery.Outcome.Done.class, outcome);
            assertEquals("refused", ((WebhookDelivery.Outcome.Done) outcome).status());
            JsonNode row = api.get(DELIVERIES, agent.apiKey()).body().at("/data/0");
            assertEquals("refused", row.path("outcome").asText(), row::toString);
            assertTrue(row.path("status_code").isNull());
        }
        assertTrue(api.get(DELIVERIES, plain.agent().apiKey()).body().at("/data/0/error").asText().contains("only https"));
        assertTrue(api.get(DELIVERIES, named.apiKey()).body().at("/data/0/error").asText().contains("non-public address (127.0.0.1)"));
        assertTrue(receiver.received().isEmpty(), "nothing reached the receiver");
    }

    @Test
    void badSettingsAre422AndNothingChanges() {
        Agents.Registered agent = activeAgent("hook-bad", "1.00");
        for (Object bad : List.of(-1, "abc", "1.1234567", 1000001, true)) {
            Api.Response r = api.patch("/api/agent/me", Map.of("low_balance_usd", bad), agent.apiKey());
            assertEquals(422, r.status(), r::toString);
            assertTrue(r.body().path("errors").has("low_balance_usd"), r::toString);
        }
        assertTrue(api.get("/api/agent/me", agent.apiKey()).body().at("/agent/low_balance_usd").isNull());
        HashMap<String, Object> clear = new HashMap<>();
        clear.put("low_balance_usd", null);
        api.patch("/api/agent/me", Map.of("low_balance_usd", 2), agent.apiKey());
        assertTrue(api.patch("/api/agent/me", clear, agent.apiKey()).body().at("/agent/low_balance_usd").isNull());
        for (String limit : List.of("0", "101", "x")) {
            Api.Response r = api.get(DELIVERIES + "?limit=" + limit, agent.apiKey());
            assertEquals(422, r.status(), r::toString);
            assertTrue(r.body().path("errors").has("limit"), r::toString);
        }
        for (String url : List.of("http://10.0.0.7/hook", "https://169.254.169.254/latest/meta-data", "https://192.168.1.1/hook")) {
            Api.Response r = api.patch("/api/agent/me", Map.of("callback_url", url), agent.apiKey());
            assertEquals(422, r.status(), r::toString);
            assertTrue(r.body().at("/errors/callback_url/0").asText().contains("cannot receive webhooks"), r::toString);
        }
        Api.Response registered = api.post("/api/agent/register", Map.of("name", "Private hook", "email",
                Agents.uniqueEmail("hook-private"), "callback_url", "https://[fd00::1]/hook"));
        assertEquals(422, registered.status(), registered::toString);
        assertTrue(registered.body().path("errors").has("callback_url"));
        assertTrue(api.get("/api/agent/me", agent.apiKey()).body().at("/agent/callback_url").isNull(), "nothing saved");
        assertEquals(0, api.get(DELIVERIES, agent.apiKey()).body().path("data").size());
        assertEquals(401, api.post("/api/agent/webhook-secret", Map.of(), null).status());
    }

    // ------------------------------------------------------------------ helpers

    private Agents.Registered activeAgent(String label, String usdt) {
        Agents.Registered agent = ScheduleSearchTest.verifiedActiveAgent(label);
        Funding.deposit(agent.id(), Currency.USDT, usdt);
        return agent;
    }

    private void putDailyCap(Agents.Registered agent, String cap) {
        Map<String, Object> body = new HashMap<>();
        body.put("daily_usd", cap);
        assertEquals(200, api.send("PUT", "/api/agent/limits", body, agent.apiKey()).status());
    }

    private Api.Response search(Agents.Registered agent) {
        return api.post(SEARCH, Map.of("query", "anything"), agent.apiKey());
    }

    private static void awaitDeadLetter(LocalQueues queues, String url, String webhookId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Message m : queues.client().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                if (m.body().contains(webhookId)) {
                    return;
                }
            }
        }
        throw new AssertionError("webhook " + webhookId + " never reached the dead-letter queue");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String randomTx() {
        return "0x" + HexFormat.of().formatHex(UUID.randomUUID().toString().repeat(2).getBytes()).substring(0, 64);
    }

    private static String freshSecret() {
        return "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
