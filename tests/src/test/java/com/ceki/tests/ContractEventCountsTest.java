package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.Parallel;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A contract's event listing takes its total from the counts the contract keeps (no filter, or only {@code type_id}),
 * so every way an event comes or goes must move them: meetings and time created at the same moment, a clock, a
 * payment, a bill made and deleted, transactions deleted. Each total is checked against a listing that reads and
 * counts the items themselves (an in-memory sort).
 */
class ContractEventCountsTest {

    private final Api api = TestServer.api();
    private final Users.SignedIn owner = Users.signUp("counts-owner");
    private final Users.SignedIn member = Users.signUp("counts-member");

    @Test
    void everyWayAnEventComesOrGoesMovesTheTotals() throws Exception {
        long contract = ContractFixtures.contractId(owner, "UTC");
        long hand = ContractFixtures.acceptedHand(contract, owner, member, 3, "60", 0);

        // Six meetings and six time entries, all at once: each commit counts on the same contract item.
        List<JsonNode> created = Parallel.run(12, i -> i < 6
                ? ContractFixtures.meeting(owner.token(), contract, "Meeting " + i, "20")
                : ContractFixtures.logTime(member.token(), contract, hand, 10 + 2 * i, 30));
        assertTotals(contract, Map.of(1, 6, 2, 6, 3, 0, 4, 0));

        assertEquals(201, api.post("/api/hands/" + hand + "/start", Map.of(), member.token()).status());
        assertEquals(200, api.post("/api/hands/" + hand + "/stop", Map.of(), member.token()).status());
        Api.Response paid = api.post("/api/contracts/" + contract + "/payments", Map.of("date",
                ContractFixtures.now().toString(), "amount", 10, "benefitable_id", hand, "label", "Advance"), owner.token());
        assertEquals(201, paid.status(), paid::toString);
        assertTotals(contract, Map.of(1, 6, 2, 7, 3, 1, 4, 0));

        Api.Response bill = api.post("/api/contracts/" + contract + "/bills", Map.of("label", "Meetings", "data",
                Map.of("items", List.of(Map.of("id", created.get(0).path("id").asLong(), "type", "meeting")))), owner.token());
        assertEquals(201, bill.status(), bill::toString);
        assertTotals(contract, Map.of(1, 6, 2, 7, 3, 1, 4, 1));
        Api.Response unbilled = api.send("DELETE", "/api/contracts/" + contract + "/bills/" + bill.body().path("id").asLong(),
                null, owner.token());
        assertEquals(200, unbilled.status(), unbilled::toString);

        List<Long> deleting = List.of(created.get(1).path("id").asLong(), created.get(2).path("id").asLong(),
                created.get(7).path("id").asLong());
        Api.Response deleted = api.send("DELETE", "/api/contracts/" + contract + "/transactions",
                Map.of("transactions", deleting), owner.token());
        assertEquals(200, deleted.status(), deleted::toString);
        Api.Response again = api.send("DELETE", "/api/contracts/" + contract + "/transactions",
                Map.of("transactions", deleting), owner.token());
        assertEquals(200, again.status(), "deleting the deleted again counts nothing: " + again);
        assertTotals(contract, Map.of(1, 4, 2, 6, 3, 1, 4, 0));
    }

    /** The most items a bill takes still fit one transaction with the bill, its attendance and the count; one more is a 422. */
    @Test
    void aBillOfTheMostItemsIsOneTransaction() {
        long contract = ContractFixtures.contractId(owner, "UTC");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i <= 97; i++) {
            long id = ContractFixtures.meeting(owner.token(), contract, "Meeting " + i, "1").path("id").asLong();
            items.add(Map.of("id", id, "type", "meeting"));
        }
        Api.Response tooMany = api.post("/api/contracts/" + contract + "/bills",
                Map.of("label", "98 items", "data", Map.of("items", items)), owner.token());
        assertEquals(422, tooMany.status(), tooMany::toString);
        assertTrue(tooMany.body().path("errors").has("data.items"), tooMany::toString);

        Api.Response bill = api.post("/api/contracts/" + contract + "/bills",
                Map.of("label", "97 items", "data", Map.of("items", items.subList(0, 97))), owner.token());
        assertEquals(201, bill.status(), bill::toString);
        assertEquals("97.00", bill.body().path("amount").asText());
        assertTotals(contract, Map.of(1, 98, 2, 0, 3, 0, 4, 1));
    }

    /** Each type's total and the unfiltered one, from the counts and from the items, equal {@code expected}. */
    private void assertTotals(long contract, Map<Integer, Integer> expected) {
        int all = 0;
        for (Map.Entry<Integer, Integer> type : expected.entrySet()) {
            String filter = "type_id=" + type.getKey();
            assertEquals(type.getValue(), total(contract, filter), "counted total of " + filter);
            assertEquals(type.getValue(), total(contract, filter + "&sortBy=label"), "items of " + filter);
            all += type.getValue();
        }
        assertEquals(all, total(contract, ""), "counted total");
        assertEquals(all, total(contract, "sortBy=label"), "items");
    }

    private int total(long contract, String query) {
        Api.Response r = api.get("/api/contracts/" + contract + "/events?" + query, owner.token());
        assertEquals(200, r.status(), r::toString);
        return r.body().path("total").asInt();
    }
}
