package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.ContractFixtures.Member;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A contract's bills: their amount is the sum of their items' stored amounts, an item is a transaction of this
 * contract in one bill at a time, and a deleted bill (soft) leaves the list and frees its items.
 */
class BillsTest {

    private final Api api = TestServer.api();
    private Users.SignedIn owner;
    private long contract;
    private String base;
    private Member worker;

    @BeforeEach
    void aContractWithAWorkerAt27Fifty() {
        owner = Users.signUp("bills-owner");
        contract = ContractFixtures.create(owner.token(), "Billed work");
        base = "/api/contracts/" + contract;
        worker = ContractFixtures.join(owner.token(), contract, 3, Map.of("schedule", Map.of("price", "27.50")));
    }

    @Test
    void aBillAddsItsItemsStoredAmountsAndLocksThem() {
        JsonNode first = ContractFixtures.logTime(owner.token(), contract, worker.handId(), 3, 30);
        JsonNode second = ContractFixtures.logTime(worker.token(), contract, worker.handId(), 2, 30);
        assertEquals("13.75", first.path("amount").asText(), "30 minutes at 27.50/h");
        assertEquals("13.75", second.path("amount").asText());
        JsonNode quarter = ContractFixtures.logTime(worker.token(), contract, worker.handId(), 5, 15);
        assertEquals("6.88", quarter.path("amount").asText(), "15 minutes at 27.50/h, rounded half up once, when logged");

        Api.Response created = api.post(base + "/bills", bill("April", items(first, second, quarter)), owner.token());
        assertEquals(201, created.status(), created::toString);
        JsonNode bill = created.body();
        long billId = bill.path("id").asLong();
        assertEquals("34.38", bill.path("amount").asText(), "13.75 + 13.75 + 6.88, the stored amounts");
        assertEquals("USD", bill.path("currency").asText());
        assertEquals("April", bill.path("label").asText());
        assertEquals("Contract", bill.path("billable_type").asText());
        assertEquals(contract, bill.path("billable_id").asLong());
        assertTrue(bill.path("deleted_at").isNull());
        assertEquals(3, bill.path("data").path("items").size());
        assertEquals(first.path("id").asLong(), bill.path("data").path("items").get(0).path("id").asLong());
        assertEquals("time", bill.path("data").path("items").get(0).path("type").asText());
        assertEquals(List.of("label"), texts(bill.path("data").path("visiblecol")));
        assertEquals(List.of("Worker"), texts(bill.path("data").path("users")));

        JsonNode listed = list("").path("data");
        assertEquals(1, listed.size());
        assertEquals(bill, listed.get(0), "listed as created");
        assertEquals(billId, event(first.path("id").asLong()).path("bill_id").asLong(), "the item names its bill");
        Api.Response edit = api.send("PUT", base + "/events/" + first.path("id").asLong(), Map.of("label", "Changed"),
                worker.token());
        assertEquals(409, edit.status(), "a billed entry is locked: " + edit);

        JsonNode meeting = ContractFixtures.meeting(owner.token(), contract, "Workshop", "40.00");
        Api.Response withMeeting = api.post(base + "/bills", bill("Workshop", List.of(item(meeting, "meeting"))), owner.token());
        assertEquals(201, withMeeting.status(), withMeeting::toString);
        assertEquals("40.00", withMeeting.body().path("amount").asText(), "meetings are billed at their amount");
    }

    @Test
    void itemsMustBeUnbilledTransactionsOfThisContract() {
        JsonNode entry = ContractFixtures.logTime(owner.token(), contract, worker.handId(), 3, 30);
        JsonNode other = ContractFixtures.logTime(owner.token(), contract, worker.handId(), 2, 30);
        long otherContract = ContractFixtures.create(owner.token(), "Elsewhere");
        JsonNode foreign = ContractFixtures.meeting(owner.token(), otherContract, "Not here", "10.00");
        long billed = createBill("Billed", items(entry));
        JsonNode someBill = list("").path("data").get(0);

        assertItemRefused(bill("Foreign", List.of(item(other, "time"), item(foreign, "meeting"))), "data.items.1.id",
                "an item of another contract");
        assertItemRefused(bill("Twice", items(other, entry)), "data.items.1.id", "an item already in a bill");
        assertItemRefused(bill("Repeated", items(other, other)), "data.items.1.id", "an item listed twice");
        assertItemRefused(bill("A bill", List.of(Map.of("id", someBill.path("id").asLong(), "type", "bill"))),
                "data.items.0.id", "a bill is not a transaction");
        assertItemRefused(bill("Nothing", List.of(Map.of("id", 999999999999L, "type", "time"))), "data.items.0.id",
                "an id that is nothing");

        assertEquals(1, list("").path("total").asInt(), "no refused bill was written");
        assertTrue(event(other.path("id").asLong()).path("bill_id").isNull(), "the refused bills took no item");
        assertEquals(billed, event(entry.path("id").asLong()).path("bill_id").asLong());
    }

    @Test
    void aDeletedBillLeavesTheListAndFreesItsItems() {
        JsonNode first = ContractFixtures.logTime(owner.token(), contract, worker.handId(), 3, 30);
        JsonNode second = ContractFixtures.logTime(owner.token(), contract, worker.handId(), 2, 30);
        long billId = createBill("To delete", items(first, second));

        Api.Response deleted = api.send("DELETE", base + "/bills/" + billId, null, owner.token());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(billId, deleted.body().path("id").asLong());
        assertTrue(deleted.body().path("deleted_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
                () -> "the bill with deleted_at: " + deleted);
        assertEquals(0, list("").path("total").asInt(), "gone from the list");
        assertEquals(0, list("").path("data").size());
        assertEquals(404, api.send("DELETE", base + "/bills/" + billId, null, owner.token()).status(), "deleted once");
        assertEquals(404, api.send("PUT", base + "/bills/" + billId, Map.of("label", "Back"), owner.token()).status());
        assertTrue(event(first.path("id").asLong()).path("bill_id").isNull(), "its items are free again");
        assertTrue(event(second.path("id").asLong()).path("bill_id").isNull());

        Api.Response again = api.post(base + "/bills", bill("Again", items(first, second)), owner.token());
        assertEquals(201, again.status(), "the freed items are billed again: " + again);
        assertEquals("27.50", again.body().path("amount").asText(), "two 30-minute entries at 27.50/h");
        assertEquals(1, list("").path("total").asInt());
    }

    @Test
    void editingABillChangesItsLabelAndWhatItShows() {
        JsonNode entry = ContractFixtures.logTime(owner.token(), contract, worker.handId(), 3, 30);
        long billId = createBill("Draft", items(entry));

        Api.Response edited = api.send("PUT", base + "/bills/" + billId, Map.of("label", "Final",
                "data", Map.of("users", List.of("Client"), "visiblecol", List.of("label", "duration"))), owner.token());
        assertEquals(200, edited.status(), edited::toString);
        assertEquals("Final", edited.body().path("label").asText());
        assertEquals(List.of("Client"), texts(edited.body().path("data").path("users")));
        assertEquals(List.of("label", "duration"), texts(edited.body().path("data").path("visiblecol")));
        assertEquals(1, edited.body().path("data").path("items").size(), "its items stay");
        assertEquals("13.75", edited.body().path("amount").asText(), "and so does its amount");
        Api.Response relabelled = api.send("PUT", base + "/bills/" + billId, Map.of("label", "Final, really"), owner.token());
        assertEquals(200, relabelled.status(), relabelled::toString);
        assertEquals(List.of("Client"), texts(relabelled.body().path("data").path("users")), "data not sent: kept");
        assertEquals("Final, really", list("").path("data").get(0).path("label").asText());

        assertInvalid(api.send("PUT", base + "/bills/" + billId, Map.of("data", Map.of()), owner.token()), "label");
        assertInvalid(api.send("PUT", base + "/bills/" + billId, Map.of("label", "x".repeat(256)), owner.token()), "label");
        assertInvalid(api.send("PUT", base + "/bills/" + billId, Map.of("label", "Items", "data", Map.of("items", List.of())),
                owner.token()), "data.items");
        assertEquals(404, api.send("PUT", base + "/bills/" + entry.path("id").asLong(), Map.of("label", "Not a bill"),
                owner.token()).status(), "a time entry is not a bill");
        assertEquals("Final, really", list("").path("data").get(0).path("label").asText(), "refused edits changed nothing");
    }

    @Test
    void theListSortsAndPages() {
        long b = createBill("B", List.of());
        long a = createBill("A", items(ContractFixtures.logTime(owner.token(), contract, worker.handId(), 3, 30)));
        long c = createBill("C", List.of());

        assertEquals(List.of(c, a, b), ContractFixtures.ids(list("").path("data")), "newest first");
        assertEquals(List.of(a, b, c), ContractFixtures.ids(list("?sortBy=label&descending=false").path("data")));
        assertEquals(List.of(c, b, a), ContractFixtures.ids(list("?sortBy=label&descending=true").path("data")));
        assertEquals(a, ContractFixtures.ids(list("?sortBy=amount&descending=true").path("data")).get(0), "13.75 first");
        assertEquals(List.of(b, a, c), ContractFixtures.ids(list("?descending=false").path("data")), "oldest first");

        JsonNode page1 = list("?sortBy=label&descending=false&perPage=2");
        assertEquals(List.of(a, b), ContractFixtures.ids(page1.path("data")));
        assertEquals(2, page1.path("per_page").asInt());
        assertEquals(3, page1.path("total").asInt());
        assertEquals(2, page1.path("last_page").asInt());
        assertEquals(1, page1.path("from").asInt());
        assertEquals(2, page1.path("to").asInt());
        assertTrue(page1.path("next_page_url").asText().contains("page=2"), page1::toString);
        assertTrue(page1.path("prev_page_url").isNull());
        JsonNode page2 = list("?sortBy=label&descending=false&perPage=2&page=2");
        assertEquals(List.of(c), ContractFixtures.ids(page2.path("data")));
        assertEquals(2, page2.path("current_page").asInt());
        assertTrue(page2.path("next_page_url").isNull());

        assertInvalid(api.get(base + "/bills?perPage=0", owner.token()), "perPage");
        assertInvalid(api.get(base + "/bills?perPage=101", owner.token()), "perPage");
        assertInvalid(api.get(base + "/bills?sortBy=colour", owner.token()), "sortBy");
        assertInvalid(api.get(base + "/bills?descending=sometimes", owner.token()), "descending");
        assertInvalid(api.get(base + "/bills?page=0", owner.token()), "page");
    }

    @Test
    void aBillNeedsALabelAndData() {
        assertInvalid(api.post(base + "/bills", Map.of("data", Map.of("items", List.of())), owner.token()), "label");
        assertInvalid(api.post(base + "/bills", Map.of("label", "x".repeat(256), "data", Map.of()), owner.token()), "label");
        assertInvalid(api.post(base + "/bills", Map.of("label", "No data"), owner.token()), "data");
        assertInvalid(api.post(base + "/bills", Map.of("label", "Odd", "data", Map.of("colour", "red")), owner.token()), "data.colour");
        assertInvalid(api.post(base + "/bills", Map.of("label", "Odd", "data", Map.of("items", List.of(Map.of("type", "time")))),
                owner.token()), "data.items.0.id");
        assertInvalid(api.post(base + "/bills", Map.of("label", "Odd", "data", Map.of("users", "everyone")), owner.token()),
                "data.users");
        assertInvalid(api.post(base + "/bills", "{\"label\": ", owner.token()), "body");
        assertEquals(0, list("").path("total").asInt(), "nothing written");
    }

    private void assertItemRefused(Map<String, Object> body, String field, String what) {
        Api.Response refused = api.post(base + "/bills", body, owner.token());
        assertEquals(422, refused.status(), () -> what + ": " + refused);
        assertTrue(refused.body().path("errors").has(field), () -> what + " names " + field + ": " + refused);
    }

    private long createBill(String label, List<Map<String, Object>> items) {
        Api.Response created = api.post(base + "/bills", bill(label, items), owner.token());
        assertEquals(201, created.status(), created::toString);
        return created.body().path("id").asLong();
    }

    private JsonNode list(String query) {
        Api.Response listed = api.get(base + "/bills" + query, owner.token());
        assertEquals(200, listed.status(), listed::toString);
        return listed.body();
    }

    /** An event of the contract as its owner lists it (every event, bills aside). */
    private JsonNode event(long id) {
        Api.Response events = api.get(base + "/events?perPage=100", owner.token());
        assertEquals(200, events.status(), events::toString);
        for (JsonNode e : events.body().path("data")) {
            if (e.path("id").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("no event " + id + " in " + events);
    }

    private static Map<String, Object> bill(String label, List<Map<String, Object>> items) {
        return Map.of("label", label, "data", Map.of("users", List.of("Worker"), "visiblecol", List.of("label"), "items", items));
    }

    private static List<Map<String, Object>> items(JsonNode... entries) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode e : entries) {
            items.add(item(e, "time"));
        }
        return items;
    }

    private static Map<String, Object> item(JsonNode event, String type) {
        return Map.of("id", event.path("id").asLong(), "type", type, "fields", List.of("label", "amount"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertEquals(422, response.status(), response::toString);
        assertTrue(response.body().path("errors").has(field), () -> "expected an error on " + field + ": " + response);
        assertFalse(response.body().path("message").asText().isEmpty());
    }
}
