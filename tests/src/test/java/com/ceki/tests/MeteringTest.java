package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.money.Currency;
import com.ceki.core.usage.UsageEvent;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Eventually;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.Schedules;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Usage metering through the real queue: counted once, redeliveries ignored, poison messages dead-lettered. */
class MeteringTest {

    private final Api api = TestServer.api();

    @Test
    void everyCallIsMeteredAndTheUsagePageShowsIt() {
        var a = Schedules.activeAgent("usage");
        Funding.deposit(a.agent().id(), Currency.USDT, "5.00");
        for (int i = 0; i < 2; i++) {
            assertEquals(201, api.post("/api/agent/schedules", Schedules.body(a.kalId()), a.agent().apiKey()).status());
        }
        assertEquals(200, api.get("/api/agent/me", a.agent().apiKey()).status());
        Api.Response invalid = api.post("/api/agent/schedules", Map.of("kal_id", a.kalId()), a.agent().apiKey());
        assertEquals(422, invalid.status(), "a failed call is not usage");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        Eventually.await("usage counted", Duration.ofSeconds(15), () -> count(usage(a, month), "schedule_create") == 2
                && count(usage(a, month), "profile_read") == 1);
        sleepPastVisibility();
        JsonNode body = api.get("/api/agent/wallet/usage?period=" + month, a.agent().apiKey()).body();
        assertEquals(month, body.path("period").asText());
        JsonNode create = row(body, "schedule_create");
        assertEquals(2, create.path("count").asInt());
        assertEquals("2.00", create.path("total_charged").asText());
        assertEquals("0.00", row(body, "api_search").path("total_charged").asText());
        assertEquals(0, row(body, "api_search").path("count").asInt());
        assertEquals(0, row(body, "api_user_view").path("count").asInt());
    }

    @Test
    void theSameEventDeliveredThreeTimesAndOutOfOrderIsCountedOnce() {
        var agent = Agents.register("redelivery");
        String month = "2026-01";
        UsageEvent first = new UsageEvent("api_search", agent.id(), month, new BigDecimal("0.50"), UUID.randomUUID().toString(), 1);
        UsageEvent second = new UsageEvent("api_search", agent.id(), month, new BigDecimal("0.50"), UUID.randomUUID().toString(), 2);
        // second, first, second, first, first: out of order and redelivered
        for (UsageEvent e : List.of(second, first, second, first, first)) {
            send(e.toJson().toString());
        }
        Eventually.await("both events processed", Duration.ofSeconds(15),
                () -> stored(agent.id(), month, "api_search").number("count", 0) == 2);
        sleepPastVisibility();
        Item counter = stored(agent.id(), month, "api_search");
        assertEquals(2, counter.number("count"));
        assertEquals(new BigDecimal("1.00"), counter.decimal("total_charged_usd").setScale(2));
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueWhileItsBatchCommits() {
        var agent = Agents.register("poison");
        String month = "2026-02";
        String poison = "{\"type\":\"api_search\",\"agent_id\":\"not-a-number-" + UUID.randomUUID() + "\"}";
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        batch.add(SendMessageBatchRequestEntry.builder().id("p").messageBody(poison).build());
        for (int i = 0; i < 4; i++) {
            batch.add(SendMessageBatchRequestEntry.builder().id("ok" + i).messageBody(new UsageEvent("api_search", agent.id(), month,
                    BigDecimal.ZERO, UUID.randomUUID().toString(), i).toJson().toString()).build());
        }
        var sqs = TestServer.get().queues().client();
        sqs.sendMessageBatch(b -> b.queueUrl(queue("MeteringQueue")).entries(batch));
        Eventually.await("the good messages counted", Duration.ofSeconds(15),
                () -> stored(agent.id(), month, "api_search").number("count", 0) == 4);
        // 5 receives at a 2 s local visibility timeout, then the redrive.
        List<String> dead = new ArrayList<>();
        Eventually.await("the poison message dead-lettered", Duration.ofSeconds(40), () -> {
            sqs.receiveMessage(r -> r.queueUrl(queue("MeteringDeadLetterQueue")).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().forEach(m -> dead.add(m.body()));
            return dead.contains(poison);
        });
        assertEquals(4, stored(agent.id(), month, "api_search").number("count"));
    }

    private static void sleepPastVisibility() {
        try {
            Thread.sleep(2_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String queue(String logicalId) {
        return TestServer.get().queues().urls().get(logicalId);
    }

    private static void send(String body) {
        TestServer.get().queues().client().sendMessage(m -> m.queueUrl(queue("MeteringQueue")).messageBody(body));
    }

    private static Item stored(long agentId, String month, String type) {
        return Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.agent(agentId), Keys.usage(month, type)).map()).consistentRead(true)).item());
    }

    private JsonNode usage(Schedules.ActiveAgent a, String month) {
        return api.get("/api/agent/wallet/usage?period=" + month, a.agent().apiKey()).body();
    }

    private static JsonNode row(JsonNode usage, String type) {
        for (JsonNode row : usage.path("usage")) {
            if (row.path("type").asText().equals(type)) {
                return row;
            }
        }
        throw new AssertionError("no usage row " + type + " in " + usage);
    }

    private static long count(JsonNode usage, String type) {
        for (JsonNode row : usage.path("usage")) {
            if (row.path("type").asText().equals(type)) {
                return row.path("count").asLong();
            }
        }
        return 0;
    }
}
