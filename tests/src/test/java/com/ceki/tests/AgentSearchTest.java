package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.LedgerEntry;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.FreeViews;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paid agent endpoints over people: {@code POST /api/agent/search/specialists} (api_search, 0.50) and
 * {@code GET /api/agent/user/{id}} (api_user_view: 100 free a month, then 0.10). Active agents with a verified email
 * only; validation and 404s come before the charge.
 */
class AgentSearchTest {

    private static final String SEARCH = "/api/agent/search/specialists";
    private final Api api = TestServer.api();

    @BeforeEach
    void clock() {
        Clocks.adjustable().reset();
    }

    @Test
    void aSearchIsChargedOnceAndAnswersTheSimplePaginator() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("search-pay");
        Funding.deposit(agent.id(), Currency.USDT, "5.00");
        String tok = ScheduleSearchTest.token();
        var owner = Users.signUp("specialist", "Jane " + tok);
        long id = ScheduleSearchTest.store(owner.id(), tok + " consultations", s -> {
            s.timezone = "Europe/Moscow";
            s.start = Instant.parse("2026-04-21T09:00:00Z");
            s.end = Instant.parse("2026-04-21T18:00:00Z");
            s.price = "50";
            s.currency = "USD";
        });
        ScheduleSearchTest.awaitFunctionsRefresh();

        Api.Response found = api.post(SEARCH, Map.of("query", tok), agent.apiKey());
        assertEquals(200, found.status(), found::toString);
        JsonNode body = found.body();
        assertEquals(List.of("current_page", "data", "per_page", "total"), fieldNames(body));
        assertEquals(1, body.path("current_page").asInt());
        assertEquals(20, body.path("per_page").asInt());
        assertEquals(1, body.path("total").asInt());
        JsonNode hit = body.path("data").get(0);
        assertEquals(List.of("id", "settings", "start", "end", "timezone", "price", "currency", "label", "user"), fieldNames(hit));
        assertEquals(id, hit.path("id").asLong());
        assertEquals("2026-04-21T09:00:00Z", hit.path("start").asText());
        assertEquals("2026-04-21T18:00:00Z", hit.path("end").asText());
        assertEquals("Europe/Moscow", hit.path("timezone").asText());
        assertEquals("50.00", hit.path("price").asText(), "a decimal string with cents, like every price");
        assertEquals("USD", hit.path("currency").asText());
        assertEquals(tok + " consultations", hit.path("label").asText());
        assertEquals(owner.id(), hit.path("user").path("id").asLong());
        assertEquals("Jane " + tok, hit.path("user").path("name").asText());
        assertTrue(hit.path("user").path("rating").isNull());

        assertEquals(new BigDecimal("4.50"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        LedgerEntry charge = Funding.entries(agent.id()).getFirst();
        assertEquals(LedgerEntry.Type.CHARGE, charge.type());
        assertEquals(new BigDecimal("-0.50"), charge.amount().setScale(2));
        assertEquals("api_search", charge.description());

        // A repeated Idempotency-Key replays the answer and charges nothing more.
        Api.Response first = api.sendWithHeader("POST", SEARCH, Map.of("query", tok), "Bearer " + agent.apiKey());
        assertEquals(200, first.status());
        assertEquals(new BigDecimal("4.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        Api.Response keyed = idempotent(agent, tok, "search-1");
        Api.Response replay = idempotent(agent, tok, "search-1");
        assertEquals(200, keyed.status(), keyed::toString);
        assertEquals(keyed.body(), replay.body());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(new BigDecimal("3.50"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void tooLittleBalanceIsA402AndChargesNothing() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("search-poor");
        Funding.deposit(agent.id(), Currency.USDT, "0.20");
        Api.Response refused = api.post(SEARCH, Map.of(), agent.apiKey());
        assertEquals(402, refused.status(), refused::toString);
        assertEquals("{\"message\":\"Insufficient wallet balance.\",\"required\":\"0.50\",\"currency\":\"USDT\",\"balance\":\"0.20\"}",
                refused.body().toString());
        assertEquals(1, Funding.entries(agent.id()).size(), "only the deposit");
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void anUnverifiedEmailOrAPendingAgentIs403AndChargesNothing() {
        var unverified = Agents.register("search-unverified");
        Agents.activate(unverified.id());
        Funding.deposit(unverified.id(), Currency.USDT, "5.00");
        Api.Response refused = api.post(SEARCH, Map.of(), unverified.apiKey());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("Verify your email address to use this endpoint.", refused.text("message"));
        Api.Response view = api.get("/api/agent/user/1", unverified.apiKey());
        assertEquals(403, view.status(), view::toString);

        var pending = Agents.register("search-pending");
        Api.Response verified = api.post("/api/agent/verify-email",
                Map.of("email", pending.email(), "code", TestServer.mailbox().latestCode(pending.email())));
        assertEquals(200, verified.status(), verified::toString);
        Funding.deposit(pending.id(), Currency.USDT, "5.00");
        Api.Response notActive = api.post(SEARCH, Map.of(), pending.apiKey());
        assertEquals(403, notActive.status(), notActive::toString);
        assertTrue(notActive.text("message").contains("not active"), notActive::toString);

        assertEquals(401, api.post(SEARCH, Map.of(), null).status());
        var person = Users.signUp("search-person");
        assertEquals(403, api.post(SEARCH, Map.of(), person.token()).status(), "people use POST /api/schedules/search");
        for (var agent : List.of(unverified, pending)) {
            assertEquals(new BigDecimal("5.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        }
    }

    @Test
    void anInvalidSearchIsA422AndChargesNothing() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("search-invalid");
        Funding.deposit(agent.id(), Currency.USDT, "1.00");
        Api.Response invalid = api.post(SEARCH, Map.of("perPage", 0, "days", List.of(7)), agent.apiKey());
        assertEquals(422, invalid.status(), invalid::toString);
        assertEquals("The perPage field must be between 1 and 100. (and 1 more error)", invalid.text("message"));
        assertTrue(invalid.body().path("errors").has("perPage"));
        assertTrue(invalid.body().path("errors").has("days.0"));
        Api.Response malformed = api.post(SEARCH, "{not json", agent.apiKey());
        assertEquals(422, malformed.status(), malformed::toString);
        assertEquals(new BigDecimal("1.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        assertEquals(1, Funding.entries(agent.id()).size());
    }

    @Test
    void aHundredProfileViewsAMonthAreFreeThenEachCosts10Cents() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("views");
        Funding.deposit(agent.id(), Currency.USDT, "1.00");
        String tok = ScheduleSearchTest.token();
        var person = Users.signUp("profile", "Ivan " + tok);
        Api.Response profile = api.send("PUT", "/api/user", Map.of("city", "Moscow", "about", "Piano teacher",
                "timezone", "Europe/Moscow", "phone", "+7 900 000 00 00", "currency", "RUB",
                "skills", List.of(Map.of("label", "Piano"), Map.of("label", "Solfeggio", "value", 3)),
                "languages", List.of(Map.of("label", "ru"), Map.of("label", "en")),
                "sallary", Map.of("hour", 30, "currency", "USD")), person.token());
        assertEquals(200, profile.status(), profile::toString);
        ScheduleSearchTest.store(person.id(), tok + " one", s -> { });
        ScheduleSearchTest.store(person.id(), tok + " two", s -> { });
        ScheduleSearchTest.store(person.id(), tok + " private", s -> s.isPrivate = true);
        ScheduleSearchTest.awaitFunctionsRefresh();

        String path = "/api/agent/user/" + person.id();
        Api.Response first = api.get(path, agent.apiKey());
        assertEquals(200, first.status(), first::toString);
        JsonNode user = first.body().path("user");
        assertEquals(List.of("id", "name", "username", "email", "phone", "city", "timezone", "about", "rating", "skills",
                "languages", "sallary", "currency", "active_schedules_count"), fieldNames(user));
        assertEquals(person.id(), user.path("id").asLong());
        assertEquals("Ivan " + tok, user.path("name").asText());
        assertTrue(user.path("username").isNull());
        assertEquals(person.email(), user.path("email").asText());
        assertEquals("+7 900 000 00 00", user.path("phone").asText());
        assertEquals("Moscow", user.path("city").asText());
        assertEquals("Europe/Moscow", user.path("timezone").asText());
        assertEquals("Piano teacher", user.path("about").asText());
        assertTrue(user.path("rating").isNull());
        assertEquals(Json.array().add("Piano").add("Solfeggio"), user.path("skills"));
        assertEquals(Json.array().add("ru").add("en"), user.path("languages"));
        assertEquals(30, user.path("sallary").path("hour").asInt());
        assertEquals("RUB", user.path("currency").asText());
        assertEquals(2, user.path("active_schedules_count").asInt(), "public active schedules only");

        for (int i = 2; i <= 100; i++) {
            Api.Response view = api.get(path, agent.apiKey());
            assertEquals(200, view.status(), () -> "view " + view);
        }
        assertEquals(new BigDecimal("1.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2), "100 free views");
        assertEquals(100, FreeViews.used(agent.id()));

        Api.Response paid = api.get(path, agent.apiKey());
        assertEquals(200, paid.status(), paid::toString);
        assertEquals(first.body(), paid.body());
        assertEquals(new BigDecimal("0.90"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        LedgerEntry charge = Funding.entries(agent.id()).getFirst();
        assertEquals(new BigDecimal("-0.10"), charge.amount().setScale(2));
        assertEquals("api_user_view", charge.description());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void unknownBannedOrMalformedUsersAre404AndCostNothing() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("views-404");
        Funding.deposit(agent.id(), Currency.USDT, "1.00");
        // Past the free allowance, so that a charge would show in the balance.
        FreeViews.setUsed(agent.id(), 100);
        var banned = Users.signUp("views-banned");
        ScheduleSearchTest.ban(banned.id());
        var contactOwner = Users.signUp("views-contacts");
        Api.Response contact = api.post("/api/contacts", Map.of("email", Agents.uniqueEmail("never-signed-in")),
                contactOwner.token());
        assertEquals(200, contact.status(), contact::toString);
        long contactId = contact.body().path("new").path("id").asLong();

        for (String id : new String[] {"999999999999", String.valueOf(banned.id()), "abc", "0"}) {
            Api.Response missing = api.get("/api/agent/user/" + id, agent.apiKey());
            assertEquals(404, missing.status(), () -> id + ": " + missing);
            assertEquals("{\"message\":\"User not found.\"}", missing.body().toString());
        }
        Api.Response hidden = api.get("/api/agent/user/" + contactId, agent.apiKey());
        assertEquals(404, hidden.status(), () -> "a contact who never signed in: " + hidden);
        assertEquals(new BigDecimal("1.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        assertEquals(100, FreeViews.used(agent.id()));

        Api.Response paid = api.get("/api/agent/user/" + contactOwner.id(), agent.apiKey());
        assertEquals(200, paid.status(), paid::toString);
        assertEquals(new BigDecimal("0.90"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
    }

    private Api.Response idempotent(Agents.Registered agent, String tok, String key) {
        try {
            var request = HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + SEARCH))
                    .header("Authorization", "Bearer " + agent.apiKey()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + tok + "\"}")).build();
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), Json.parse(response.body()), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
