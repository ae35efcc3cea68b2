package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.schedules.user.UserSchedule;
import com.ceki.schedules.user.UserScheduleRepository;
import com.ceki.search.ScheduleSearch;
import com.ceki.search.SearchQuery;
import com.ceki.search.SearchViews;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform schedule search against the real table: schedules stored by the same repository the API uses, found
 * through three doors that must agree on every answer: {@link ScheduleSearch} called directly (refreshing before every
 * search), the agents' {@code POST /api/agent/search/specialists} and, once the user-schedules function serves it,
 * {@code POST /api/schedules/search}. Every test scopes its searches with a random word of its own in the labels, so
 * tests never see each other's data.
 */
class ScheduleSearchTest {

    private static final Api API = TestServer.api();
    private static final Random RANDOM = new Random();
    /** Refreshes before every search (SEARCH_REFRESH_MILLIS=0); the functions refresh at most once a second. */
    private static ScheduleSearch direct;
    private static final UserScheduleRepository repository = new UserScheduleRepository(TestServer.table());
    private static final IdGenerator ids = new IdGenerator(Clocks.adjustable());
    private static Agents.Registered agent;
    private static Users.SignedIn searcher;

    @BeforeAll
    static void setUp() {
        Table table = TestServer.table();
        direct = new ScheduleSearch(table, Clocks.adjustable(), 0);
        agent = verifiedActiveAgent("search-test");
        Funding.deposit(agent.id(), Currency.USDT, "10000");
        searcher = Users.signUp("searcher");
    }

    @BeforeEach
    void clock() {
        Clocks.adjustable().reset();
    }

    static Agents.Registered verifiedActiveAgent(String label) {
        Agents.Registered a = Agents.register(label);
        Api.Response verified = API.post("/api/agent/verify-email",
                Map.of("email", a.email(), "code", TestServer.mailbox().latestCode(a.email())));
        assertEquals(200, verified.status(), verified::toString);
        Agents.activate(a.id());
        return a;
    }

    // ------------------------------------------------------------------ filters

    @Test
    void everyFilterAloneAndCombined() {
        String tok = token();
        var owner = Users.signUp("filters");
        long kal = 4242;
        Instant now = now();
        long a = store(owner.id(), tok + " alpha", s -> {
            s.typeId = 1; s.kalId = kal; s.msp = 5; s.timezone = "Europe/Moscow"; s.price = "50"; s.currency = "USD";
            s.duration = 60; s.skills = List.of(7L); s.days = List.of(1, 2); s.hours = new String[] {"09:00", "18:00"};
            s.start = Instant.parse("2026-05-01T00:00:00Z"); s.end = Instant.parse("2026-05-31T00:00:00Z");
        });
        long b = store(owner.id(), tok + " beta", s -> {
            s.typeId = 2; s.msp = 0; s.timezone = "UTC"; s.price = "150.50"; s.currency = "EUR"; s.settingsDuration = 30;
            s.settingsSkills = List.of(9L); s.days = List.of(0, 6); s.hours = new String[] {"12:00", "24:00"};
            s.start = Instant.parse("2026-07-01T00:00:00Z");
        });
        long c = store(owner.id(), tok + " gamma", s -> {
            s.typeId = 3; s.msp = 20; s.timezone = "Europe/Moscow"; s.settingsPrice = "10"; s.settingsCurrency = "usd";
            s.skills = List.of(7L, 8L);
            s.end = Instant.parse("2026-04-01T00:00:00Z");
        });
        long d = store(owner.id(), tok + " delta", s -> { // no price, no duration, every day, all day, open window
            s.typeId = 1; s.price = null; s.currency = null;
        });
        awaitFunctionsRefresh();

        assertIds(q(tok), d, c, b, a); // newest update first
        assertIds(q(tok).put("type_id", 1), d, a);
        assertIds(q(tok).put("type_id", "2"), b);
        assertIds(q(tok).put("kal_id", kal), a);
        assertIds(q(tok).put("msp", 5), c, a);
        assertIds(q(tok).put("timezone", "Europe/Moscow"), c, a);
        assertIds(q(tok).put("price_from", 10), c, b, a);
        assertIds(q(tok).put("price_from", 50.5), b);
        assertIds(q(tok).put("price_to", 50), c, a);
        assertIds(q(tok).put("price_from", 10).put("price_to", 10), c);
        assertIds(q(tok).put("price_from", 0), c, b, a); // no price: excluded once a price filter is given
        assertIds(q(tok).put("duration", 60), a);
        assertIds(q(tok).put("duration", 30), b); // settings.duration
        assertIds(q(tok).put("currency", "USD"), c, a); // settings.currency, either case
        assertIds(q(tok).put("currency", "EUR"), b);
        assertIds(with(q(tok), "skills", 7), c, a);
        assertIds(with(q(tok), "skills", 9), b); // settings.skills[].id
        assertIds(with(q(tok), "skills", 8, 9), c, b); // any of them
        assertIds(with(q(tok), "skills", 1234), new long[0]);
        assertIds(with(q(tok), "days", 1), d, c, a); // no days = every day
        assertIds(with(q(tok), "days", 6), d, c, b);
        assertIds(with(q(tok), "days", 3, 4), d, c);
        assertIds(hours(q(tok), "10:00", "12:00"), d, c, a);
        assertIds(hours(q(tok), "20:00", "24:00"), d, c, b);
        assertIds(hours(q(tok), "08:00", "10:00"), d, c);
        // The schedule's [start, end] overlaps the wanted window; absent ends are open.
        assertIds(q(tok).put("start", "2026-05-15T00:00:00Z").put("end", "2026-05-16T00:00:00Z"), d, a);
        assertIds(q(tok).put("start", "2026-06-01T00:00:00Z"), d, b);
        assertIds(q(tok).put("end", "2026-04-15T00:00:00Z"), d, c);
        assertIds(q(tok).put("start", "2026-05-31T00:00:00Z").put("end", "2026-07-01T00:00:00Z"), d, b, a); // touching ends

        // Combined: AND of all of them.
        ObjectNode all = with(with(hours(q(tok), "09:00", "17:00"), "skills", 7), "days", 2)
                .put("type_id", 1).put("kal_id", kal).put("msp", 1).put("timezone", "Europe/Moscow")
                .put("price_from", 40).put("price_to", 60).put("duration", 60).put("currency", "USD")
                .put("start", "2026-05-10T00:00:00Z").put("end", "2026-05-11T00:00:00Z");
        assertIds(all, a);
        assertIds(all.deepCopy().put("currency", "EUR"), new long[0]);
        assertIds(q(tok).put("type_id", 3).put("msp", 10).put("price_to", 100), c);
    }

    @Test
    void queryWordsPrefixMatchLabelDescriptionSkillsAndTheOwner() {
        String tok = token();
        var owner = Users.signUp("words");
        String ownerWord = token();
        Api.Response profile = API.send("PUT", "/api/user", Map.of("name", "Ölga " + ownerWord,
                "skills", List.of(Map.of("label", "Kotlin Coroutines"))), owner.token());
        assertEquals(200, profile.status(), profile::toString);
        var other = Users.signUp("words-other");
        long piano = store(owner.id(), tok + " Piano lessons", s -> s.description = "Classical and JAZZ, for beginners");
        long guitar = store(other.id(), tok + " guitar-lessons", s -> s.skillLabels = List.of("Flamenco"));
        awaitFunctionsRefresh();

        assertIds(q(tok), guitar, piano);
        assertIds(q(tok + " lesson"), guitar, piano); // every word a prefix of some token
        assertIds(q(tok.substring(0, 7) + " PIA"), piano); // case-insensitive prefixes
        assertIds(q(tok + " jazz beginner"), piano); // description
        assertIds(q(tok + " flamen"), guitar); // a skill's label
        assertIds(q(tok + " " + ownerWord), piano); // the owner's name
        assertIds(q(tok + " ölg"), piano); // any script
        assertIds(q(tok + " kotlin"), piano); // the owner's skills
        assertIds(q(tok + " piano guitar"), new long[0]); // AND across words
        assertIds(q(ownerWord.substring(0, 8)), piano); // the owner's name alone
    }

    // ------------------------------------------------------------------ sorting and pages

    @Test
    void eachSortInBothDirections() {
        String tok = token();
        var owner = Users.signUp("sorts");
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        // updated order: a < b < c < d; created order: c < a < d < b; price: b < d < a, c has none.
        long a = store(owner.id(), tok + " a", s -> { s.created = base.plusSeconds(20); s.price = "30"; });
        long b = store(owner.id(), tok + " b", s -> { s.created = base.plusSeconds(40); s.price = "5.5"; });
        long c = store(owner.id(), tok + " c", s -> { s.created = base.plusSeconds(10); s.price = null; });
        long d = store(owner.id(), tok + " d", s -> { s.created = base.plusSeconds(30); s.price = "10"; });
        awaitFunctionsRefresh();

        assertIds(q(tok), d, c, b, a);
        assertIds(q(tok).put("sortBy", "updated_at").put("descending", true), d, c, b, a);
        assertIds(q(tok).put("sortBy", "updated_at").put("descending", false), a, b, c, d);
        assertIds(q(tok).put("sortBy", "created_at"), b, d, a, c);
        assertIds(q(tok).put("sortBy", "created_at").put("descending", "0"), c, a, d, b);
        assertIds(q(tok).put("sortBy", "price").put("descending", true), a, d, b, c); // no price last
        assertIds(q(tok).put("sortBy", "price").put("descending", false), b, d, a, c);
    }

    @Test
    void firstMiddleLastAndEmptyPagesWithTheirMeta() {
        String tok = token();
        var owner = Users.signUp("pages");
        List<Long> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(store(owner.id(), tok + " page " + i, s -> { }));
        }
        awaitFunctionsRefresh();
        List<Long> newestFirst = new ArrayList<>(stored.reversed());

        assertPage(q(tok).put("perPage", 3).put("page", 1), newestFirst.subList(0, 3), 1, 3, 7, 3);
        assertPage(q(tok).put("perPage", 3).put("page", 2), newestFirst.subList(3, 6), 2, 3, 7, 3);
        assertPage(q(tok).put("perPage", 3).put("page", "3"), newestFirst.subList(6, 7), 3, 3, 7, 3);
        assertPage(q(tok).put("perPage", 3).put("page", 4), List.of(), 4, 3, 7, 3);
        assertPage(q(tok).put("perPage", 100), newestFirst, 1, 100, 7, 1);
        assertPage(q(tok), newestFirst, 1, 20, 7, 1); // 20 a page by default
        assertPage(q(tok + " nothingmatchesthis"), List.of(), 1, 20, 0, 0);
        // The platform shape: the schedule as UserScheduleViews renders it.
        JsonNode page = SearchViews.platformPage(direct.search(SearchQuery.from(q(tok).put("perPage", 1))));
        JsonNode first = page.path("data").get(0);
        assertEquals(newestFirst.getFirst().longValue(), first.path("id").asLong());
        assertEquals(owner.id(), first.path("user_id").asLong());
        assertEquals(0, new BigDecimal("25").compareTo(new BigDecimal(first.path("price").asText())));
        assertEquals("User", first.path("owner_type").asText());
        assertEquals(false, first.path("private").asBoolean());
    }

    // ------------------------------------------------------------------ what is never returned, and changes

    @Test
    void privateSchedulesAndBannedOwnersAreNeverReturned() {
        String tok = token();
        var owner = Users.signUp("visible");
        var banned = Users.signUp("banned");
        long open = store(owner.id(), tok + " open", s -> { });
        store(owner.id(), tok + " hidden", s -> s.isPrivate = true);
        store(owner.id(), tok + " inactive", s -> s.status = 2);
        store(banned.id(), tok + " of a banned owner", s -> { });
        ban(banned.id());
        awaitFunctionsRefresh();

        assertIds(q(tok), open);
        assertIds(q(tok + " hidden"), new long[0]);
        assertIds(q(tok + " banned"), new long[0]);
    }

    @Test
    void theIndexSeesASchedulePrivateAnOwnerRenamedAndBannedAfterItLoaded() {
        String tok = token();
        var owner = Users.signUp("changes");
        long first = store(owner.id(), tok + " first", s -> { });
        long second = store(owner.id(), tok + " second", s -> { });
        awaitFunctionsRefresh();
        assertIds(q(tok), second, first); // every index has loaded and holds both

        UserSchedule hidden = repository.find(first).orElseThrow();
        assertTrue(repository.put(copy(hidden, true, now().plusSeconds(1)), false));
        String newName = token();
        Api.Response renamed = API.send("PUT", "/api/user", Map.of("name", "Renamed " + newName), owner.token());
        assertEquals(200, renamed.status(), renamed::toString);
        awaitFunctionsRefresh();
        assertIds(q(tok), second);
        assertIds(q(newName), second); // found by the new name
        assertIds(q(tok + " someone"), new long[0]); // the old name ("Someone changes") is gone
        assertEquals("Renamed " + newName, agentSearch(q(newName)).path("data").get(0).path("user").path("name").asText());

        // An older write arriving late (GSI replication, racing writers) never overwrites a newer one.
        assertTrue(repository.put(copy(hidden, false, hidden.updatedAt()), false));
        assertIds(q(tok), second);

        ban(owner.id());
        awaitFunctionsRefresh();
        assertIds(q(tok), new long[0]);
    }

    // ------------------------------------------------------------------ validation

    @Test
    void invalidSearchesAre422NamingTheField() {
        String tooLong = "x".repeat(201);
        assertInvalid(Json.object().put("query", tooLong), "query");
        assertInvalid(Json.object().put("perPage", 0), "perPage");
        assertInvalid(Json.object().put("perPage", 101), "perPage");
        assertInvalid(Json.object().put("page", 0), "page");
        assertInvalid(Json.object().put("sortBy", "name"), "sortBy");
        assertInvalid(Json.object().put("timezone", "Mars/Olympus"), "timezone");
        assertInvalid(with(Json.object(), "days", 7), "days.0");
        assertInvalid(with(Json.object(), "days", 1, -1), "days.1");
        assertInvalid(Json.object().put("price_from", 20).put("price_to", 10), "price_to");
        assertInvalid(Json.object().put("price_from", -1), "price_from");
        assertInvalid(Json.object().put("type_id", 4), "type_id");
        assertInvalid(Json.object().put("type_id", "one"), "type_id");
        assertInvalid(Json.object().put("perPage", "ten"), "perPage");
        assertInvalid(Json.object().put("descending", "maybe"), "descending");
        assertInvalid(Json.object().put("msp", -1), "msp");
        assertInvalid(Json.object().put("duration", 0), "duration");
        assertInvalid(Json.object().put("start", "yesterday"), "start");
        assertInvalid(Json.object().put("start", "2026-05-02T00:00:00Z").put("end", "2026-05-01T00:00:00Z"), "end");
        assertInvalid(Json.object().put("skills", "7"), "skills");
        assertInvalid(with(Json.object(), "skills", "x"), "skills.0");
        assertInvalid(Json.object().put("query", 5), "query");
        assertInvalid(hours(Json.object(), "10:00", "09:00"), "hours.end");
        assertInvalid(hours(Json.object(), "9am", "10:00"), "hours.start");
        ObjectNode unknownHoursKey = hours(Json.object(), "09:00", "10:00");
        ((ObjectNode) unknownHoursKey.get("hours")).put("tz", "UTC");
        assertInvalid(unknownHoursKey, "hours.tz");
        // All the failures of one body in one 422.
        ValidationFailed many = assertThrows(ValidationFailed.class, () -> SearchQuery.from(
                Json.object().put("perPage", 0).put("sortBy", "x").put("query", tooLong)));
        assertEquals(List.of("query", "perPage", "sortBy"), List.copyOf(many.errors().keySet()));
        // Null means absent; unknown fields are ignored; a blank query filters nothing.
        ObjectNode nulls = Json.object().putNull("type_id").putNull("perPage").putNull("skills").put("unknown", 1).put("query", " ");
        assertEquals(SearchQuery.all(), SearchQuery.from(nulls));
    }

    // ------------------------------------------------------------------ helpers

    /** What a test sets on a schedule; everything else has a fixed default. */
    static final class Spec {
        int typeId = 1;
        Long kalId;
        String description;
        long msp;
        boolean isPrivate;
        int status = UserSchedule.STATUS_ACTIVE;
        String timezone = "UTC";
        Instant start;
        Instant end;
        Integer duration;
        Integer settingsDuration;
        String price;
        String settingsPrice;
        String currency;
        String settingsCurrency;
        List<Long> skills = List.of();
        List<String> skillLabels = List.of();
        List<Long> settingsSkills = List.of();
        List<Integer> days;
        String[] hours;
        Instant created;
    }

    private static long lastUpdate;

    /**
     * Stores a schedule through the repository the API uses, its {@code updated_at} now (strictly after the previous
     * one stored here, so that the default order is the storing order).
     */
    static long store(long ownerId, String label, Consumer<Spec> tweak) {
        Spec s = new Spec();
        s.price = "25.00";
        s.currency = "USD";
        tweak.accept(s);
        ObjectNode settings = Json.object();
        if (s.settingsDuration != null) {
            settings.put("duration", s.settingsDuration);
        }
        if (s.settingsPrice != null) {
            settings.put("price", new BigDecimal(s.settingsPrice));
        }
        if (s.settingsCurrency != null) {
            settings.put("currency", s.settingsCurrency);
        }
        if (!s.settingsSkills.isEmpty()) {
            ArrayNode list = settings.putArray("skills");
            s.settingsSkills.forEach(id -> list.addObject().put("id", id).put("label", "skill " + id));
        }
        if (s.days != null) {
            ArrayNode list = settings.putArray("days");
            s.days.forEach(list::add);
        }
        if (s.hours != null) {
            settings.putObject("hours").put("start", s.hours[0]).put("end", s.hours[1]);
        }
        ArrayNode skills = Json.array();
        s.skills.forEach(id -> skills.addObject().put("label", "Skill " + id).put("value", id));
        s.skillLabels.forEach(l -> skills.addObject().put("label", l));
        Instant updated = nextUpdate();
        long id = ids.next();
        boolean explicitPrice = s.settingsPrice == null;
        UserSchedule schedule = new UserSchedule(id, ownerId, s.kalId, s.typeId, label, null, s.description, s.msp,
                s.isPrivate, s.timezone, s.start, s.end, s.duration,
                explicitPrice && s.price != null ? new BigDecimal(s.price) : null,
                s.settingsCurrency == null ? s.currency : null, settings, skills, List.of(), null, null, null, null, null,
                s.status, s.created == null ? updated : s.created, updated);
        assertTrue(repository.put(schedule, true), "id " + id + " was free");
        return id;
    }

    private static synchronized Instant nextUpdate() {
        long micros = Math.max(lastUpdate + 1000, now().toEpochMilli() * 1000);
        lastUpdate = micros;
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }

    static UserSchedule copy(UserSchedule s, boolean isPrivate, Instant updated) {
        return new UserSchedule(s.id(), s.userId(), s.kalId(), s.typeId(), s.label(), s.slug(), s.description(), s.msp(),
                isPrivate, s.timezone(), s.start(), s.end(), s.duration(), s.price(), s.currency(), s.settings(),
                s.skills(), s.files(), s.parentId(), s.benefitableId(), s.benefitableType(), s.billableId(),
                s.billableType(), s.statusId(), s.createdAt(), updated);
    }

    /** Bans a person as an operator does: the flag, a new updated_at and the search-feed keys that go with it. */
    static void ban(long userId) {
        new UserRepository(TestServer.table()).setBanned(userId, true, nextUpdate());
    }

    /** The functions refresh their index at most once a second: past that, their next search sees every write. */
    static void awaitFunctionsRefresh() {
        try {
            Thread.sleep(1_150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant now() {
        return Clocks.adjustable().instant();
    }

    static String token() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    static ObjectNode q(String query) {
        return Json.object().put("query", query);
    }

    static ObjectNode with(ObjectNode body, String field, Object... values) {
        ArrayNode list = body.putArray(field);
        for (Object v : values) {
            list.add(Json.mapper().valueToTree(v));
        }
        return body;
    }

    static ObjectNode hours(ObjectNode body, String start, String end) {
        body.putObject("hours").put("start", start).put("end", end);
        return body;
    }

    /** The ids every door returns, in order; they must all agree. */
    static void assertIds(ObjectNode body, long... expected) {
        List<Long> want = new ArrayList<>();
        for (long id : expected) {
            want.add(id);
        }
        List<Long> got = new ArrayList<>();
        direct.search(SearchQuery.from(body)).schedules().forEach(s -> got.add(s.id()));
        assertEquals(want, got, () -> "direct search of " + body);

        JsonNode agentPage = agentSearch(body);
        assertEquals(want, ids(agentPage.path("data")), () -> "agent search of " + body + ": " + agentPage);
        assertEquals(expected.length, agentPage.path("total").asInt());
        Api.Response platform = API.post("/api/schedules/search", body, searcher.token());
        assertEquals(200, platform.status(), platform::toString);
        assertEquals(want, ids(platform.body().path("data")), () -> "platform search of " + body + ": " + platform);
    }

    static JsonNode agentSearch(ObjectNode body) {
        Api.Response response = API.post("/api/agent/search/specialists", body, agent.apiKey());
        assertEquals(200, response.status(), response::toString);
        return response.body();
    }

    private static void assertPage(ObjectNode body, List<Long> expected, int page, int perPage, int total, int pages) {
        JsonNode platform = SearchViews.platformPage(direct.search(SearchQuery.from(body)));
        assertEquals(expected, ids(platform.path("data")), () -> "direct page of " + body);
        JsonNode meta = platform.path("meta");
        assertEquals(Map.of("current_page", page, "per_page", perPage, "total", total, "total_pages", pages),
                Map.of("current_page", meta.path("current_page").asInt(), "per_page", meta.path("per_page").asInt(),
                        "total", meta.path("total").asInt(), "total_pages", meta.path("total_pages").asInt()));
        JsonNode agentPage = agentSearch(body);
        assertEquals(expected, ids(agentPage.path("data")));
        assertEquals(page, agentPage.path("current_page").asInt());
        assertEquals(perPage, agentPage.path("per_page").asInt());
        assertEquals(total, agentPage.path("total").asInt());
        Api.Response response = API.post("/api/schedules/search", body, searcher.token());
        assertEquals(200, response.status(), response::toString);
        assertEquals(platform.toString(), response.body().toString());
    }

    private static void assertInvalid(ObjectNode body, String field) {
        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> SearchQuery.from(body), body::toString);
        assertTrue(failed.errors().containsKey(field), () -> body + " -> " + failed.errors());
        BigDecimal before = Funding.balances(agent.id()).get(Currency.USDT);
        Api.Response response = API.post("/api/agent/search/specialists", body, agent.apiKey());
        assertEquals(422, response.status(), response::toString);
        assertTrue(response.body().path("errors").has(field), response::toString);
        assertEquals(0, before.compareTo(Funding.balances(agent.id()).get(Currency.USDT)), "a 422 costs nothing");
        Api.Response platform = API.post("/api/schedules/search", body, searcher.token());
        assertEquals(422, platform.status(), platform::toString);
        assertTrue(platform.body().path("errors").has(field), platform::toString);
    }

    private static List<Long> ids(JsonNode data) {
        List<Long> out = new ArrayList<>();
        data.forEach(item -> out.add(item.path("id").asLong()));
        return out;
    }
}
