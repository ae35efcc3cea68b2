package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contracts themselves: created with everything the reference lets one send, read with their hands, listed newest
 * first with the full paginator, changed field by field; and every bad input a 422 naming its field, writing nothing.
 */
class ContractsTest {

    private final Api api = TestServer.api();

    @Test
    void createsAContractWithEverythingItTakes() {
        Users.SignedIn owner = Users.signUp("full-contract");
        long kal = kal(owner.token());
        long file = Users.uploadImage(owner.token());
        long parent = ContractFixtures.create(owner.token(), "Framework agreement");
        Map<String, Object> body = new HashMap<>(Map.of("label", "Website", "currency", "USD",
                "start", "2026-01-01T00:00:00Z", "end", "2027-01-01T00:00:00+03:00", "timezone", "Europe/Berlin",
                "private", false, "credit", true, "amount", "1500.50", "description", "A new website"));
        body.putAll(Map.of("parent_id", parent, "kal_id", kal, "files", List.of(file),
                "settings", Map.of("skills", List.of(Map.of("label", "Java", "options", List.of("junior", "senior"), "value", 1)))));

        JsonNode created = ContractFixtures.create(owner.token(), body);
        long id = created.path("id").asLong();
        assertEquals("Website", created.path("label").asText());
        assertEquals("USD", created.path("currency").asText());
        assertEquals("2026-01-01T00:00:00Z", created.path("start").asText());
        assertEquals("2026-12-31T21:00:00Z", created.path("end").asText(), "an offset is an instant, shown in UTC");
        assertEquals("Europe/Berlin", created.path("timezone").asText());
        assertEquals(false, created.path("private").asBoolean(true));
        assertEquals(true, created.path("credit").asBoolean(false));
        assertEquals("1500.50", created.path("amount").asText());
        assertEquals("A new website", created.path("description").asText());
        assertEquals(parent, created.path("parent_id").asLong());
        assertEquals(kal, created.path("kal_id").asLong());
        assertEquals(List.of(file), longs(created.path("files")));
        assertEquals("Java", created.path("settings").path("skills").get(0).path("label").asText());
        assertEquals(100, created.path("status_id").asInt());
        assertEquals(1, created.path("hands").size());
        assertEquals(1, created.path("hand").path("role_id").asInt());
        assertTrue(created.path("money").isArray(), created::toString);
        assertEquals(0, created.path("money").size(), "no money recorded yet");
        assertTrue(created.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));

        JsonNode read = ContractFixtures.get(owner.token(), id);
        assertEquals(created, read, "read back as created");

        JsonNode defaults = ContractFixtures.create(owner.token(), ContractFixtures.body("Defaults"));
        assertEquals("UTC", defaults.path("timezone").asText(), "UTC unless a zone is sent");
        assertTrue(defaults.path("private").asBoolean(), "private unless said otherwise");
        assertEquals(false, defaults.path("credit").asBoolean(true));
        assertTrue(defaults.path("amount").isNull() && defaults.path("start").isNull() && defaults.path("parent_id").isNull());
    }

    @Test
    void listsOwnAndAcceptedContractsNewestFirstWithTheFullPaginator() {
        Users.SignedIn me = Users.signUp("lister");
        Users.SignedIn other = Users.signUp("lister-other");
        long first = ContractFixtures.create(me.token(), "First");
        long second = ContractFixtures.create(me.token(), "Second");
        long theirs = ContractFixtures.create(other.token(), "Theirs, accepted");
        long pendingOne = ContractFixtures.create(other.token(), "Theirs, pending");
        long hand = ContractFixtures.addHand(other.token(), theirs, me.id(), 3, Map.of()).path("id").asLong();
        assertEquals(200, ContractFixtures.answer(me.token(), theirs, hand, true).status());
        ContractFixtures.addHand(other.token(), pendingOne, me.id(), 3, Map.of());
        long third = ContractFixtures.create(me.token(), "Third");

        Api.Response page1 = api.get("/api/contracts?perPage=2", me.token());
        assertEquals(200, page1.status(), page1::toString);
        JsonNode p = page1.body();
        for (String field : List.of("current_page", "data", "first_page_url", "from", "last_page", "last_page_url", "links",
                "next_page_url", "path", "per_page", "prev_page_url", "to", "total")) {
            assertTrue(p.has(field), () -> "the paginator has " + field + ": " + p);
        }
        assertEquals(List.of(third, theirs), ContractFixtures.ids(p.path("data")), "newest first (by contract), theirs included");
        assertEquals(4, p.path("total").asInt(), "own and accepted, not pending");
        assertEquals(2, p.path("per_page").asInt());
        assertEquals(2, p.path("last_page").asInt());
        assertEquals(1, p.path("from").asInt());
        assertEquals(2, p.path("to").asInt());
        assertTrue(p.path("next_page_url").asText().endsWith("/api/contracts?perPage=2&page=2"), p::toString);
        assertTrue(p.path("prev_page_url").isNull());
        assertEquals(3, p.path("data").get(1).path("hand").path("role_id").asInt(), "each with the caller's own hand");
        JsonNode page2 = api.get("/api/contracts?perPage=2&page=2", me.token()).body();
        assertEquals(List.of(second, first), ContractFixtures.ids(page2.path("data")));
        assertEquals(3, page2.path("from").asInt());
        assertTrue(page2.path("next_page_url").isNull());
        JsonNode beyond = api.get("/api/contracts?perPage=2&page=3", me.token()).body();
        assertEquals(0, beyond.path("data").size());
        assertTrue(beyond.path("from").isNull());
        assertEquals(15, api.get("/api/contracts", me.token()).body().path("per_page").asInt(), "15 per page unless asked");
    }

    @Test
    void changesOnlyWhatIsSent() {
        Users.SignedIn owner = Users.signUp("changer");
        long kal = kal(owner.token());
        Map<String, Object> body = ContractFixtures.body("Before");
        body.putAll(Map.of("description", "Kept?", "kal_id", kal, "start", "2026-01-01T00:00:00Z", "amount", "100.00"));
        long id = ContractFixtures.create(owner.token(), body).path("id").asLong();
        String path = "/api/contracts/" + id;

        Api.Response renamed = api.send("PUT", path, Map.of("label", "After"), owner.token());
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("After", renamed.body().path("label").asText());
        assertEquals("Kept?", renamed.body().path("description").asText(), "not sent: kept");
        assertEquals(kal, renamed.body().path("kal_id").asLong());
        assertEquals("100.00", renamed.body().path("amount").asText());
        assertEquals(1, renamed.body().path("hands").size(), "the detail, with its hands");

        Map<String, Object> clearing = new HashMap<>();
        clearing.put("description", null);
        clearing.put("kal_id", null);
        clearing.put("amount", null);
        Api.Response cleared = api.send("PUT", path, clearing, owner.token());
        assertEquals(200, cleared.status(), cleared::toString);
        assertTrue(cleared.body().path("description").isNull(), "null clears");
        assertTrue(cleared.body().path("kal_id").isNull());
        assertTrue(cleared.body().path("amount").isNull());
        assertEquals("After", cleared.body().path("label").asText());

        assertInvalid(api.send("PUT", path, Map.of("end", "2025-06-01T00:00:00Z"), owner.token()), "end",
                "an end before the start already stored");
        Map<String, Object> noLabel = new HashMap<>();
        noLabel.put("label", null);
        assertInvalid(api.send("PUT", path, noLabel, owner.token()), "label", "the label cannot be cleared");
        Map<String, Object> noCurrency = new HashMap<>();
        noCurrency.put("currency", null);
        assertInvalid(api.send("PUT", path, noCurrency, owner.token()), "currency", "nor the currency");
        assertInvalid(api.send("PUT", path, Map.of("private", "yes"), owner.token()), "private", "private is a boolean");
        assertInvalid(api.send("PUT", path, Map.of("parent_id", id), owner.token()), "parent_id", "its own parent");
        assertInvalid(api.send("PUT", path, Map.of("amount", "1.005"), owner.token()), "amount", "three decimals in USD");

        Api.Response euros = api.send("PUT", path, Map.of("currency", "EUR", "amount", "20.50"), owner.token());
        assertEquals(200, euros.status(), "no transactions yet, so the currency may change: " + euros);
        assertEquals("EUR", euros.body().path("currency").asText());
        Api.Response bitcoin = api.send("PUT", path, Map.of("currency", "BTC", "amount", "0.00012345"), owner.token());
        assertEquals(200, bitcoin.status(), "BTC has 8 decimals: " + bitcoin);
        assertEquals("0.00012345", bitcoin.body().path("amount").asText());
        ContractFixtures.meeting(owner.token(), id, "A transaction", null);
        Api.Response locked = api.send("PUT", path, Map.of("currency", "USD"), owner.token());
        assertEquals(409, locked.status(), "a contract with transactions keeps its currency: " + locked);
        assertEquals("BTC", ContractFixtures.get(owner.token(), id).path("currency").asText());
        assertEquals("After", ContractFixtures.get(owner.token(), id).path("label").asText(), "refused changes wrote nothing");
    }

    @Test
    void everyBadContractInputIsA422NamingItsFieldAndWritesNothing() {
        Users.SignedIn me = Users.signUp("bad-contract");
        Users.SignedIn other = Users.signUp("bad-contract-other");
        long theirContract = ContractFixtures.create(other.token(), "Not mine");
        long theirKal = kal(other.token());
        long theirFile = Users.uploadImage(other.token());
        long mine = ContractFixtures.create(me.token(), "Mine");
        JsonNode before = ContractFixtures.get(me.token(), mine);

        assertRefused(me, Map.of("currency", "USD"), "label", "no label");
        assertRefused(me, Map.of("label", "x".repeat(256), "currency", "USD"), "label", "a label over 255");
        assertRefused(me, Map.of("label", "No currency"), "currency", "no currency");
        assertRefused(me, Map.of("label", "Doubloons", "currency", "XDB"), "currency", "an unknown currency");
        assertRefused(me, with("description", "d".repeat(5001)), "description", "a description over 5000");
        assertRefused(me, with("start", "2026-05-01T00:00:00Z", "end", "2026-04-01T00:00:00Z"), "end", "an end before the start");
        assertRefused(me, with("start", "2026-05-01T00:00:00Z", "end", "2026-05-01T00:00:00Z"), "end", "an end at the start");
        assertRefused(me, with("start", "next tuesday"), "start", "a start that is no date-time");
        assertRefused(me, with("timezone", "Mars/Olympus"), "timezone", "an unknown zone");
        assertRefused(me, with("amount", "-1.00"), "amount", "a negative amount");
        assertRefused(me, with("amount", "10.005"), "amount", "three decimals in USD");
        assertRefused(me, with("amount", "ten"), "amount", "an amount that is no number");
        assertRefused(me, with("parent_id", theirContract), "parent_id", "a parent someone else owns");
        assertRefused(me, with("parent_id", 999999999999L), "parent_id", "a parent that does not exist");
        assertRefused(me, with("kal_id", theirKal), "kal_id", "someone else's kal");
        assertRefused(me, with("files", List.of(theirFile)), "files.0", "someone else's file");
        assertRefused(me, with("settings", Map.of("colour", "blue")), "settings.colour", "settings with an unknown key");
        assertRefused(me, with("settings", Map.of("skills", List.of(Map.of("value", 1)))), "settings.skills.0.label",
                "a skill without a label");
        assertRefused(me, with("settings", Map.of("skills", List.of(Map.of("label", "Java", "colour", "red")))),
                "settings.skills.0.colour", "a skill with an unknown key");
        assertRefused(me, with("settings", "skills"), "settings", "settings that is no object");
        assertRefused(me, with("private", "yes"), "private", "private that is no boolean");
        Api.Response malformed = api.post("/api/contracts", "{\"label\": \"Broken\", ", me.token());
        assertEquals(422, malformed.status(), "malformed JSON: " + malformed);
        assertTrue(malformed.body().path("errors").has("body"), malformed::toString);

        Api.Response page = api.get("/api/contracts", me.token());
        assertEquals(1, page.body().path("total").asInt(), "no refused contract was written: " + page);
        assertInvalid(api.get("/api/contracts?perPage=0", me.token()), "perPage", "perPage 0");
        assertInvalid(api.get("/api/contracts?perPage=101", me.token()), "perPage", "perPage 101");
        assertInvalid(api.get("/api/contracts?page=0", me.token()), "page", "page 0");
        assertInvalid(api.send("PUT", "/api/contracts/" + mine, Map.of("kal_id", theirKal), me.token()), "kal_id",
                "a change to someone else's kal");
        assertInvalid(api.send("PUT", "/api/contracts/" + mine, Map.of("timezone", "Mars/Olympus"), me.token()), "timezone",
                "a change to an unknown zone");
        assertInvalid(api.send("PUT", "/api/contracts/" + mine, "[1, 2", me.token()), "body", "a malformed change");
        assertEquals(before, ContractFixtures.get(me.token(), mine), "refused changes wrote nothing");
    }

    @Test
    void everyBadHandInputIsA422NamingItsFieldAndWritesNothing() {
        Users.SignedIn owner = Users.signUp("bad-hands");
        long contract = ContractFixtures.create(owner.token(), "Hands");
        String base = "/api/contracts/" + contract;
        long someone = ContractFixtures.contact(owner.token());
        long pendingHand = ContractFixtures.addHand(owner.token(), contract, ContractFixtures.contact(owner.token()), 3, Map.of())
                .path("id").asLong();
        JsonNode before = ContractFixtures.get(owner.token(), contract).path("hands");

        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 7), owner.token()), "role_id", "role 7");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 0), owner.token()), "role_id", "role 0");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone), owner.token()), "role_id", "no role");
        assertInvalid(api.post(base + "/hands", Map.of("role_id", 3), owner.token()), "user_id", "no user");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", 999999999999L, "role_id", 3), owner.token()), "user_id",
                "a user who does not exist");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "read", 6), owner.token()), "read", "read 6");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "write", -1), owner.token()), "write", "write -1");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "limit", 169), owner.token()), "limit",
                "more hours than a week has");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "schedule", Map.of("price", "1.005")),
                owner.token()), "schedule.price", "a price with three decimals in USD");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "schedule", Map.of("currency", "XDB")),
                owner.token()), "schedule.currency", "an unknown rate currency");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "schedule",
                Map.of("settings", Map.of("overtime", true))), owner.token()), "schedule.settings.overtime", "an unknown setting");
        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 3, "schedule",
                Map.of("timezone", "Mars/Olympus")), owner.token()), "schedule.timezone", "an unknown rate zone");
        assertInvalid(api.post(base + "/invite", Map.of("user_id", someone), owner.token()), "schedule", "an invitation without schedule");
        assertInvalid(api.post(base + "/invite", Map.of("schedule", Map.of()), owner.token()), "email", "nobody to invite");
        assertInvalid(api.post(base + "/invite", Map.of("user_id", someone, "email", Agents.uniqueEmail("both"),
                "schedule", Map.of()), owner.token()), "email", "both an id and an email");
        assertInvalid(api.post(base + "/invite", Map.of("email", "not-an-email", "schedule", Map.of()), owner.token()), "email",
                "an email that is none");
        assertInvalid(api.post(base + "/invite", Map.of("user_id", someone, "role", "boss", "schedule", Map.of()), owner.token()),
                "role", "a role that does not exist");
        assertInvalid(api.post(base + "/invite", Map.of("user_id", 999999999999L, "schedule", Map.of()), owner.token()), "user_id",
                "inviting a user who does not exist");
        assertInvalid(api.send("PUT", base + "/hands/" + pendingHand, Map.of("limit", 5), owner.token()), "role", "a change without role");
        assertInvalid(api.send("PUT", base + "/hands/" + pendingHand, Map.of("role", 7), owner.token()), "role", "a change to role 7");
        assertInvalid(api.send("PUT", base + "/hands/" + pendingHand, Map.of("role", "viewer", "write", 9), owner.token()), "write",
                "a change to write 9");
        assertEquals(404, api.send("PUT", base + "/hands/999999999999", Map.of("role", "viewer"), owner.token()).status(),
                "a hand that does not exist");

        assertEquals(before, ContractFixtures.get(owner.token(), contract).path("hands"), "no refused request wrote a hand");
    }

    private void assertRefused(Users.SignedIn caller, Map<String, Object> body, String field, String what) {
        assertInvalid(api.post("/api/contracts", body, caller.token()), field, what);
    }

    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> body = ContractFixtures.body("Valid otherwise");
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void aContractCannotBecomeItsOwnAncestor() {
        Users.SignedIn owner = Users.signUp("contract-tree");
        long top = ContractFixtures.create(owner.token(), "Top");
        Map<String, Object> child = ContractFixtures.body("Child");
        child.put("parent_id", top);
        long below = ContractFixtures.create(owner.token(), child).path("id").asLong();
        assertInvalid(api.send("PUT", "/api/contracts/" + top, Map.of("parent_id", below), owner.token()), "parent_id",
                "a child as its parent's parent");
        assertInvalid(api.send("PUT", "/api/contracts/" + top, Map.of("parent_id", top), owner.token()), "parent_id",
                "itself as its parent");
        assertEquals(200, api.send("PUT", "/api/contracts/" + below, Map.of("parent_id", top), owner.token()).status());
    }

    private static void assertInvalid(Api.Response response, String field, String what) {
        assertEquals(422, response.status(), () -> what + ": " + response);
        assertTrue(response.body().path("errors").has(field), () -> what + ": expected an error on " + field + ": " + response);
    }

    private static List<Long> longs(JsonNode numbers) {
        List<Long> longs = new ArrayList<>();
        numbers.forEach(n -> longs.add(n.asLong()));
        return longs;
    }

    private long kal(String token) {
        Api.Response created = api.post("/api/kals", Map.of("label", "Work", "private", true), token);
        assertEquals(201, created.status(), created::toString);
        return created.body().path("id").asLong();
    }
}
