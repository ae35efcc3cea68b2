package com.ceki.tests;

import static com.ceki.tests.UserSchedulesTest.assertField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.json.Json;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Money under a contract, through the API: approvals (atomic batches, repeated ids, what cannot be approved),
 * locked transactions, payments of one transaction (partly, fully, never above what is open, never twice under a
 * race) and of a hand's open transactions oldest first with the rest kept as credit. Every test ends with the
 * audit: the contract's paid and credit figures equal the sums over its payment events, each transaction's paid
 * amount the sum of what payments allocated to it, and its open figure the sum of what approved ones still owe.
 */
class ContractMoneyTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("money-owner");
    private final Users.SignedIn member = Users.signUp("money-member");
    private final Users.SignedIn client = Users.signUp("money-client");

    private long entry(long contract, String date, String start, int minutes) {
        Api.Response r = api.post("/api/contracts/" + contract + "/time",
                Map.of("date", date, "start", start, "duration", minutes), member.token());
        assertEquals(201, r.status(), r::toString);
        return r.body().path("id").asLong();
    }

    private Api.Response decide(long contract, String verb, List<Long> ids, Users.SignedIn who) {
        return api.post("/api/contracts/" + contract + "/transactions/" + verb, Map.of("transactions", ids), who.token());
    }

    private Api.Response pay(long contract, long transaction, String amount) {
        return api.post("/api/contracts/" + contract + "/transactions/" + transaction + "/pay",
                Map.of("date", "2026-11-20T12:00:00Z", "amount", new BigDecimal(amount)), client.token());
    }

    /** A contract with a member at 27.50/h and a client. */
    private long team() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(contract, owner, member, 3, "27.50", 0);
        ContractFixtures.acceptedHand(contract, owner, client, 4, "0", 0);
        return contract;
    }

    @Test
    void approvalsAreAtomicBatches() {
        long contract = team();
        long a = entry(contract, "2026-11-02", "09:00", 15);
        long b = entry(contract, "2026-11-02", "10:00", 30);
        long otherContract = ContractFixtures.contractId(owner, "UTC");
        ContractFixtures.acceptedHand(otherContract, owner, member, 3, "10", 0);
        long other = entry(otherContract, "2026-11-02", "11:00", 15);
        Api.Response running = api.post("/api/contracts/" + contract + "/start", Map.of(), member.token());
        long clock = running.body().path("id").asLong();

        Api.Response foreign = decide(contract, "approve", List.of(a, other, b), client);
        assertField(foreign, "transactions.1");
        assertField(decide(contract, "approve", List.of(a, clock), client), "transactions.1");
        assertField(decide(contract, "approve", List.of(999_999_999L), client), "transactions.0");
        assertEquals(100, event(contract, a).path("status_id").asInt(), "a refused batch changes nothing");

        Api.Response approved = decide(contract, "approve", List.of(a, b, a), client);
        assertEquals(200, approved.status(), approved::toString);
        assertEquals(2, approved.body().size(), "a repeated id is decided once");
        approved.body().forEach(e -> assertEquals(200, e.path("status_id").asInt()));
        long sequence = event(contract, a).path("sequence").asLong();
        Api.Response again = decide(contract, "approve", List.of(a), client);
        assertEquals(200, again.status(), again::toString);
        assertEquals(sequence, event(contract, a).path("sequence").asLong(), "approving what is approved changes nothing");
        assertEquals(403, decide(contract, "approve", List.of(a), member).status(), "members do not approve");

        // Approved transactions are locked: no edit, no delete (409 with the reason); declining unlocks an unpaid one.
        Api.Response edit = api.send("PUT", "/api/contracts/" + contract + "/events/" + a, Map.of("label", "Changed"), member.token());
        assertEquals(409, edit.status(), edit::toString);
        assertTrue(edit.body().path("message").asText().contains("approved"), edit::toString);
        assertEquals(409, api.send("DELETE", "/api/contracts/" + contract + "/transactions", Map.of("transactions", List.of(a)),
                member.token()).status());
        assertEquals(400, decide(contract, "decline", List.of(a), client).body().get(0).path("status_id").asInt());
        assertEquals(200, api.send("PUT", "/api/contracts/" + contract + "/events/" + a, Map.of("label", "Changed"),
                member.token()).status());
        audit(contract, owner);
    }

    @Test
    void paymentsOfOneTransactionNeverExceedWhatIsOpen() throws Exception {
        long contract = team();
        long a = entry(contract, "2026-11-03", "09:00", 15); // 6.88
        decide(contract, "approve", List.of(a), client);
        assertField(pay(contract, a, "6.89"), "amount");
        assertField(pay(contract, a, "0.50"), "amount"); // below 1, and not what is open
        assertField(pay(contract, a, "1.001"), "amount"); // more decimals than USD has
        Api.Response part = pay(contract, a, "5");
        assertEquals(201, part.status(), part::toString);
        assertEquals(3, part.body().path("type_id").asInt());
        assertEquals(300, part.body().path("events").get(0).path("payment_status_id").asInt());
        Api.Response rest = pay(contract, a, "1.88"); // exactly what is open
        assertEquals(201, rest.status(), rest::toString);
        assertEquals(200, rest.body().path("events").get(0).path("payment_status_id").asInt());
        assertEquals("6.88", rest.body().path("events").get(0).path("paid").asText());
        assertField(pay(contract, a, "1"), "amount"); // nothing is open any more

        // Eight parallel payments of 20 for a 100.00 meeting: exactly five are taken, the rest refused.
        Api.Response meeting = api.post("/api/contracts/" + contract + "/events",
                Map.of("label", "Workshop", "amount", 100), owner.token());
        long m = meeting.body().path("id").asLong();
        decide(contract, "approve", List.of(m), client);
        List<Api.Response> raced = Parallel.run(8, i -> pay(contract, m, "20"));
        assertEquals(5, raced.stream().filter(r -> r.status() == 201).count(), () -> raced.stream().map(Api.Response::status).toList().toString());
        raced.stream().filter(r -> r.status() != 201).forEach(r -> assertEquals(422, r.status(), r::toString));
        assertEquals("100.00", event(contract, m).path("paid").asText());
        assertEquals(403, payAs(contract, m, member).status(), "members do not record payments");
        audit(contract, owner);
    }

    @Test
    void aHandsPaymentSettlesItsOpenTransactionsOldestFirstAndKeepsTheRestAsCredit() throws Exception {
        long contract = team();
        long hand = ContractFixtures.handOf(contract, owner, member.id());
        long first = entry(contract, "2026-11-09", "09:00", 15);   // 6.88
        long second = entry(contract, "2026-11-09", "10:00", 30);  // 13.75
        long third = entry(contract, "2026-11-10", "09:00", 60);   // 27.50
        long unapproved = entry(contract, "2026-11-11", "09:00", 60);
        decide(contract, "approve", List.of(third, first, second), client);
        JsonNode before = api.get("/api/contracts/" + contract, owner.token()).body();
        assertEquals("48.13", money(before, "open"), before::toString);

        Api.Response paid = api.post("/api/contracts/" + contract + "/payments", Map.of("date", "2026-11-20T12:00:00Z",
                "amount", 50, "benefitable_id", hand, "label", "November"), client.token());
        assertEquals(201, paid.status(), paid::toString);
        List<Long> order = new ArrayList<>();
        paid.body().path("events").forEach(e -> order.add(e.path("id").asLong()));
        assertEquals(List.of(first, second, third), order, "oldest first");
        paid.body().path("events").forEach(e -> assertEquals(200, e.path("payment_status_id").asInt()));
        assertEquals("1.87", paid.body().path("data").path("credit").asText());
        assertEquals(100, event(contract, unapproved).path("payment_status_id").asInt(), "not approved: not settled");

        JsonNode after = api.get("/api/contracts/" + contract, owner.token()).body();
        assertEquals("48.13", money(after, "paid"), after::toString);
        assertEquals("0.00", money(after, "open"), after::toString);
        assertEquals("1.87", money(after, "credit"), after::toString);

        // Parallel payments for the hand never pay one transaction twice: what they cannot take is credit.
        decide(contract, "approve", List.of(unapproved), client); // 27.50 open
        List<Api.Response> raced = Parallel.run(6, i -> api.post("/api/contracts/" + contract + "/payments",
                Map.of("date", "2026-11-21T12:00:00Z", "amount", 10, "benefitable_id", hand), client.token()));
        raced.forEach(r -> assertEquals(201, r.status(), r::toString));
        JsonNode last = api.get("/api/contracts/" + contract, owner.token()).body();
        assertEquals("75.63", money(last, "paid"), last::toString);
        assertEquals("34.37", money(last, "credit"), "1.87 + 60 - 27.50");
        assertEquals("27.50", event(contract, unapproved).path("paid").asText());
        assertField(api.post("/api/contracts/" + contract + "/payments", Map.of("date", "2026-11-21T12:00:00Z",
                "amount", 10, "benefitable_id", 999_999_999L), client.token()), "benefitable_id");
        audit(contract, owner);
    }

    @Test
    void theSameIdempotencyKeyPaysOnce() {
        long contract = team();
        long a = entry(contract, "2026-11-12", "09:00", 60);
        decide(contract, "approve", List.of(a), client);
        String path = "/api/contracts/" + contract + "/transactions/" + a + "/pay";
        Map<String, Object> body = Map.of("date", "2026-11-20T12:00:00Z", "amount", 10);
        Api.Response first = api.postOnce(path, body, client.token(), "pay-1");
        Api.Response retry = api.postOnce(path, body, client.token(), "pay-1");
        assertEquals(201, first.status(), first::toString);
        assertEquals(first.body().path("id"), retry.body().path("id"));
        assertEquals("10.00", event(contract, a).path("paid").asText());
        audit(contract, owner);
    }

    /**
     * A payment's response lists every transaction it settled: 95 meetings with long descriptions make it larger
     * than a DynamoDB item. It is still kept for its Idempotency-Key, so the retry replays it instead of paying again.
     */
    @Test
    void aPaymentTooLargeForAnItemIsStillKeptForItsRetry() {
        long contract = team();
        long hand = ContractFixtures.handOf(contract, owner, member.id());
        String notes = "Reviewed the pull requests and wrote down what to change before the release. ".repeat(60);
        List<Long> meetings = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            Api.Response m = api.post("/api/contracts/" + contract + "/events", Map.of("label", "Review " + i,
                    "description", notes, "amount", 1, "benefitable", Map.of("value", hand)), owner.token());
            assertEquals(201, m.status(), m::toString);
            meetings.add(m.body().path("id").asLong());
        }
        assertEquals(200, decide(contract, "approve", meetings, client).status());
        Map<String, Object> body = Map.of("date", "2026-11-20T12:00:00Z", "amount", 95, "benefitable_id", hand);
        Api.Response paid = api.postOnce("/api/contracts/" + contract + "/payments", body, client.token(), "large-payment");
        assertEquals(201, paid.status(), paid::toString);
        int size = Json.write(paid.body()).length();
        assertTrue(size > 400_000, "the response is larger than an item: " + size);
        assertEquals(95, paid.body().path("events").size());
        Api.Response retry = api.postOnce("/api/contracts/" + contract + "/payments", body, client.token(), "large-payment");
        assertEquals(201, retry.status(), retry::toString);
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null), "a replay, not a second payment");
        assertEquals(paid.body(), retry.body());
        JsonNode after = api.get("/api/contracts/" + contract, owner.token()).body();
        assertEquals("95.00", money(after, "paid"), after::toString);
        assertEquals("0.00", money(after, "credit"), after::toString);
        audit(contract, owner);
    }

    private Api.Response payAs(long contract, long transaction, Users.SignedIn who) {
        return api.post("/api/contracts/" + contract + "/transactions/" + transaction + "/pay",
                Map.of("date", "2026-11-20T12:00:00Z", "amount", 1), who.token());
    }

    private JsonNode event(long contract, long id) {
        Api.Response page = api.get("/api/contracts/" + contract + "/events?perPage=100", owner.token());
        for (JsonNode e : page.body().path("data")) {
            if (e.path("id").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("event " + id + " not listed: " + page);
    }

    private static String money(JsonNode contract, String figure) {
        for (JsonNode m : contract.path("money")) {
            if (m.path("currency").asText().equals("USD")) {
                return m.path(figure).asText();
            }
        }
        return "0.00";
    }

    /**
     * The contract's money adds up, from the stored items themselves: paid and credit on the contract equal the sums
     * over its payment events; each transaction's paid equals what payments allocated to it; open equals what its
     * approved transactions still owe; nothing is paid beyond its amount.
     */
    static void audit(long contract, Users.SignedIn reader) {
        Table table = TestServer.table();
        List<Item> events = Queries.all(table, QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.billableEvents("Contract", contract)))).build());
        Map<String, BigDecimal> paid = new HashMap<>();
        Map<String, BigDecimal> credit = new HashMap<>();
        Map<Long, BigDecimal> allocated = new HashMap<>();
        for (Item e : events) {
            if (e.number("type_id") == 3) {
                JsonNode data = Json.stored(e.string("data"));
                BigDecimal payment = e.decimal("amount");
                BigDecimal left = new BigDecimal(data.path("credit").asText());
                paid.merge(e.string("currency"), payment.subtract(left), BigDecimal::add);
                credit.merge(e.string("currency"), left, BigDecimal::add);
                BigDecimal shares = BigDecimal.ZERO;
                for (JsonNode a : data.path("allocations")) {
                    BigDecimal share = new BigDecimal(a.path("amount").asText());
                    allocated.merge(a.path("id").asLong(), share, BigDecimal::add);
                    shares = shares.add(share);
                }
                assertEquals(0, shares.add(left).compareTo(payment), "a payment is its allocations plus its credit");
            }
        }
        BigDecimal open = BigDecimal.ZERO;
        for (Item e : events) {
            long type = e.number("type_id");
            if (type == 1 || type == 2) {
                BigDecimal eventPaid = e.decimal("paid");
                assertEquals(0, eventPaid.compareTo(allocated.getOrDefault(e.number("id"), BigDecimal.ZERO)),
                        "paid of " + e.number("id") + " is what payments allocated to it");
                if (e.has("amount")) {
                    assertTrue(eventPaid.compareTo(e.decimal("amount")) <= 0, "never paid beyond its amount");
                    if (e.number("status_id") == 200 && !e.has("deleted_at")) {
                        open = open.add(e.decimal("amount").subtract(eventPaid));
                    }
                }
                assertEquals(e.number("status_id") == 200 && !e.has("deleted_at") && e.has("amount")
                                && e.decimal("amount").compareTo(eventPaid) > 0, e.has(Table.GSI2_PK),
                        "in the open receivables exactly when approved and not fully paid: " + e.number("id"));
            }
        }
        Item stored = Item.from(table.client().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(Item.key(Keys.contract(contract), Keys.CONTRACT).map())).item());
        assertEquals(0, paid.getOrDefault("USD", BigDecimal.ZERO).compareTo(orZero(stored.decimal("paid#USD"))), "paid figure");
        assertEquals(0, credit.getOrDefault("USD", BigDecimal.ZERO).compareTo(orZero(stored.decimal("credit#USD"))), "credit figure");
        JsonNode shown = TestServer.api().get("/api/contracts/" + contract, reader.token()).body();
        assertEquals(open.setScale(2).toPlainString(), money(shown, "open"), "the open figure shown");
        assertEquals(paid.getOrDefault("USD", BigDecimal.ZERO).setScale(2).toPlainString(), money(shown, "paid"));
        assertEquals(credit.getOrDefault("USD", BigDecimal.ZERO).setScale(2).toPlainString(), money(shown, "credit"));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
