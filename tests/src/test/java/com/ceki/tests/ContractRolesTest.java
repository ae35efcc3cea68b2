package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.ContractFixtures.Member;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The role matrix of docs/contracts.md, cell by cell: for each role (an accepted hand with the role's default levels;
 * role 1 the creator) and each operation, the route passes (2xx) where the matrix says ✓ and is a 403 where it says –;
 * whoever is not an accepted hand (a stranger, a pending hand) gets 404 on every contract route.
 */
class ContractRolesTest {

    private static final String OWNER = "owner";
    private static final String MANAGER = "manager";
    private static final String MEMBER = "member";
    private static final String CLIENT = "client";
    private static final String ACCOUNTANT = "accountant";
    private static final String VIEWER = "viewer";
    /** The owner last: handing over ownership, the last operation, changes who the owner is. */
    private static final List<String> ROLES = List.of(MANAGER, MEMBER, CLIENT, ACCOUNTANT, VIEWER, OWNER);
    private static final Map<String, Integer> ROLE_IDS = Map.of(OWNER, 1, MANAGER, 2, MEMBER, 3, CLIENT, 4,
            ACCOUNTANT, 5, VIEWER, 6);

    /** An operation of the matrix: the roles that may do it (docs/contracts.md), and one call of it by a role. */
    private record Operation(String name, Set<String> allowed, Function<String, Api.Response> call) {}

    /** A route with a body that would pass for an allowed hand. */
    private record Call(String method, String path, Object body) {}

    private final Api api = TestServer.api();

    @Test
    void eachRoleMayDoWhatTheMatrixSaysAndIsRefusedTheRestWithA403() {
        Users.SignedIn owner = Users.signUp("matrix-owner");
        long contract = ContractFixtures.create(owner.token(), "Role matrix");
        String base = "/api/contracts/" + contract;
        Map<String, Member> hands = new LinkedHashMap<>();
        for (String role : ROLES) {
            if (!role.equals(OWNER)) {
                hands.put(role, ContractFixtures.join(owner.token(), contract, ROLE_IDS.get(role),
                        Map.of("schedule", Map.of("price", "10.00"))));
            }
        }
        Map<String, String> tokens = new HashMap<>();
        tokens.put(OWNER, owner.token());
        hands.forEach((role, m) -> tokens.put(role, m.token()));

        long changeable = ContractFixtures.pending(owner.token(), contract, 6, Map.of("schedule", Map.of("price", "12.00")))
                .handId();
        Member heir = ContractFixtures.join(owner.token(), contract, 3);
        long ownersBill = bill(owner.token(), contract, "Owner's bill");
        long toApprove = ContractFixtures.meeting(owner.token(), contract, "To approve", "50.00").path("id").asLong();
        long toPay = ContractFixtures.meeting(owner.token(), contract, "To pay", "100.00").path("id").asLong();

        Set<String> readRates = Set.of(OWNER, MANAGER, CLIENT, ACCOUNTANT);
        Set<Long> withRate = new HashSet<>(); // every hand but the owner's, which was made without one
        ContractFixtures.get(owner.token(), contract).path("hands").forEach(h -> {
            if (!h.path("price").isNull()) {
                withRate.add(h.path("id").asLong());
            }
        });
        assertEquals(hands.size() + 2, withRate.size(), "the owner reads every rate");
        List<Executable> rates = new ArrayList<>();
        for (String role : ROLES) {
            JsonNode detail = ContractFixtures.get(tokens.get(role), contract);
            long ownHand = detail.path("hand").path("id").asLong();
            for (JsonNode hand : detail.path("hands")) {
                long id = hand.path("id").asLong();
                boolean expected = withRate.contains(id) && (id == ownHand || readRates.contains(role));
                rates.add(() -> assertEquals(expected, !hand.path("price").isNull(), role + " x read "
                        + (id == ownHand ? "their own rate" : "hand " + id + "'s rate") + ": price " + hand.path("price")));
            }
        }
        assertAll("rates", rates);

        List<Operation> operations = List.of(
                new Operation("read the contract", Set.of(OWNER, MANAGER, MEMBER, CLIENT, ACCOUNTANT, VIEWER),
                        role -> api.get(base, tokens.get(role))),
                new Operation("edit the contract", Set.of(OWNER, MANAGER),
                        role -> api.send("PUT", base, Map.of("description", "Edited by the " + role), tokens.get(role))),
                new Operation("add a hand", Set.of(OWNER, MANAGER),
                        role -> api.post(base + "/hands", Map.of("user_id", ContractFixtures.contact(owner.token()),
                                "role_id", 3), tokens.get(role))),
                new Operation("invite a hand", Set.of(OWNER, MANAGER),
                        role -> api.post(base + "/invite", Map.of("email", Agents.uniqueEmail("matrix-invitee"),
                                "role", "member", "schedule", Map.of("price", 10)), tokens.get(role))),
                new Operation("change a hand", Set.of(OWNER, MANAGER),
                        role -> api.send("PUT", base + "/hands/" + changeable, Map.of("role", "viewer", "limit", 10),
                                tokens.get(role))),
                new Operation("read bills", Set.of(OWNER, MANAGER, CLIENT, ACCOUNTANT),
                        role -> api.get(base + "/bills", tokens.get(role))),
                new Operation("create a bill", Set.of(OWNER, MANAGER, ACCOUNTANT),
                        role -> api.post(base + "/bills", billBody("By the " + role), tokens.get(role))),
                new Operation("edit a bill", Set.of(OWNER, MANAGER, ACCOUNTANT),
                        role -> api.send("PUT", base + "/bills/" + ownersBill, Map.of("label", "Renamed by the " + role),
                                tokens.get(role))),
                new Operation("delete a bill", Set.of(OWNER, MANAGER, ACCOUNTANT),
                        role -> api.send("DELETE", base + "/bills/" + bill(owner.token(), contract, "To delete"), null,
                                tokens.get(role))),
                new Operation("log one's own time", Set.of(OWNER, MANAGER, MEMBER),
                        role -> api.post(base + "/time", Map.of("duration", 15), tokens.get(role))),
                new Operation("approve a transaction", Set.of(OWNER, MANAGER, CLIENT),
                        role -> api.post(base + "/transactions/approve", Map.of("transactions", List.of(toApprove)),
                                tokens.get(role))),
                new Operation("record a payment", Set.of(OWNER, CLIENT, ACCOUNTANT),
                        role -> api.post(base + "/transactions/" + toPay + "/pay", Map.of("date",
                                ContractFixtures.now().truncatedTo(ChronoUnit.SECONDS).toString(), "amount", "1.00"),
                                tokens.get(role))),
                new Operation("delete another's transaction", Set.of(OWNER, MANAGER),
                        role -> api.send("DELETE", base + "/transactions", Map.of("transactions", List.of(
                                ContractFixtures.meeting(tokens.get(role.equals(OWNER) ? MANAGER : OWNER), contract,
                                        "Someone else's", "5.00").path("id").asLong())), tokens.get(role))),
                new Operation("hand over ownership", Set.of(OWNER),
                        role -> api.send("PUT", base + "/hands/" + heir.handId(), Map.of("role", 1), tokens.get(role))));

        List<Executable> cells = new ArrayList<>();
        for (Operation operation : operations) {
            for (String role : ROLES) {
                Api.Response response = operation.call().apply(role);
                boolean allowed = operation.allowed().contains(role);
                String cell = role + " x " + operation.name() + ": expected " + (allowed ? "2xx" : "403") + ", got " + response;
                cells.add(() -> {
                    if (allowed) {
                        assertTrue(response.status() >= 200 && response.status() < 300, cell);
                    } else {
                        assertEquals(403, response.status(), cell);
                    }
                });
            }
        }
        assertAll("the role matrix", cells);
    }

    @Test
    void levelsNarrowWhatARoleMayButNeverWidenIt() {
        Users.SignedIn owner = Users.signUp("levels-owner");
        long contract = ContractFixtures.create(owner.token(), "Levels");
        String base = "/api/contracts/" + contract;
        Member narrowManager = ContractFixtures.join(owner.token(), contract, 2, Map.of("write", 3));
        Member blindClient = ContractFixtures.join(owner.token(), contract, 4, Map.of("read", 2));
        Member eagerViewer = ContractFixtures.join(owner.token(), contract, 6, Map.of("read", 5, "write", 5));
        Member eagerMember = ContractFixtures.join(owner.token(), contract, 3, Map.of("read", 5, "write", 5));

        assertAll("levels",
                () -> assertEquals(403, api.send("PUT", base, Map.of("label", "Narrow"), narrowManager.token()).status(),
                        "a manager with write 3 may not edit the contract (needs write 5)"),
                () -> assertEquals(403, api.post(base + "/hands", Map.of("user_id", ContractFixtures.contact(owner.token()),
                        "role_id", 3), narrowManager.token()).status(), "a manager with write 3 may not add hands"),
                () -> assertEquals(201, api.post(base + "/bills", billBody("Narrow"), narrowManager.token()).status(),
                        "a manager with write 3 may create a bill (needs write 3)"),
                () -> assertEquals(403, api.get(base + "/bills", blindClient.token()).status(),
                        "a client with read 2 may not read bills (needs read 3)"),
                () -> assertEquals(200, api.get(base, blindClient.token()).status(), "but still reads the contract"),
                () -> assertEquals(403, api.send("PUT", base, Map.of("label", "Eager"), eagerViewer.token()).status(),
                        "a viewer with write 5 still may not edit the contract"),
                () -> assertEquals(403, api.post(base + "/bills", billBody("Eager"), eagerViewer.token()).status(),
                        "a viewer with write 5 still may not create bills"),
                () -> assertEquals(403, api.get(base + "/bills", eagerMember.token()).status(),
                        "a member with read 5 still may not read bills"),
                () -> assertEquals(403, api.post(base + "/invite", Map.of("email", Agents.uniqueEmail("eager"),
                        "schedule", Map.of()), eagerMember.token()).status(), "a member with write 5 still may not invite"));

        JsonNode hands = ContractFixtures.get(owner.token(), contract).path("hands");
        for (JsonNode hand : hands) {
            if (hand.path("id").asLong() == narrowManager.handId()) {
                assertEquals(5, hand.path("read").asInt(), "read not sent: the manager's default");
                assertEquals(3, hand.path("write").asInt());
            }
        }
    }

    @Test
    void aStrangerAPendingAndADeclinedHandGet404OnEveryContractRoute() {
        Users.SignedIn owner = Users.signUp("hidden-owner");
        long contract = ContractFixtures.create(owner.token(), "Hidden");
        JsonNode ownerHand = ContractFixtures.get(owner.token(), contract).path("hand");
        long ownerHandId = ownerHand.path("id").asLong();
        long bill = bill(owner.token(), contract, "Hidden bill");
        long meeting = ContractFixtures.meeting(owner.token(), contract, "Hidden meeting", "10.00").path("id").asLong();
        Users.SignedIn stranger = Users.signUp("hidden-stranger");
        Member pending = ContractFixtures.pending(owner.token(), contract, 2, Map.of());
        Member declined = ContractFixtures.pending(owner.token(), contract, 2, Map.of());
        assertEquals(400, ContractFixtures.answer(declined.token(), contract, declined.handId(), false).body().path("status_id").asInt());
        long someone = ContractFixtures.contact(owner.token());
        JsonNode before = ContractFixtures.get(owner.token(), contract);

        Map<String, Users.SignedIn> callers = new LinkedHashMap<>();
        callers.put("a stranger", stranger);
        callers.put("a pending manager", pending.person());
        callers.put("a declined manager", declined.person());
        Map<String, Long> theirHands = Map.of("a stranger", ownerHandId, "a pending manager", pending.handId(),
                "a declined manager", declined.handId());
        for (var entry : callers.entrySet()) {
            String who = entry.getKey();
            Users.SignedIn caller = entry.getValue();
            long ownKal = kal(caller.token());
            long handForRoutes = theirHands.get(who);
            List<Call> calls = routes(contract, ownerHandId, handForRoutes, bill, meeting, ownKal, someone);
            List<Executable> checks = new ArrayList<>();
            for (Call call : calls) {
                Api.Response response = api.send(call.method(), call.path(), call.body(), caller.token());
                checks.add(() -> assertEquals(404, response.status(), who + ": " + call.method() + " " + call.path() + " -> " + response));
                if (call.path().startsWith("/api/contracts/")) {
                    checks.add(() -> assertEquals("Contract not found.", response.text("message"),
                            who + ": " + call.method() + " " + call.path() + " says nothing of the contract"));
                }
            }
            assertAll(who, checks);
            assertFalse(ContractFixtures.listed(caller.token()).contains(contract), who + " does not list the contract");
        }

        JsonNode after = ContractFixtures.get(owner.token(), contract);
        assertEquals(before.path("label"), after.path("label"), "nothing changed");
        assertEquals(before.path("hands").size(), after.path("hands").size(), "no hand was added");
        assertEquals(100, ContractFixtures.hand(owner.token(), contract, pending.handId()).path("status_id").asInt());
        assertEquals(400, ContractFixtures.hand(owner.token(), contract, declined.handId()).path("status_id").asInt());
        Api.Response bills = api.get("/api/contracts/" + contract + "/bills", owner.token());
        assertEquals(1, bills.body().path("total").asInt(), bills::toString);
        assertEquals("Hidden bill", bills.body().path("data").get(0).path("label").asText());
        assertEquals(404, api.get("/api/contracts/999999999999", owner.token()).status(), "a contract that does not exist");
    }

    /** Every contract route of template.yaml (UserContractsFunction), with a body that would pass for its owner. */
    private static List<Call> routes(long contract, long ownerHand, long hand, long bill, long meeting, long kal,
                                     long someone) {
        String base = "/api/contracts/" + contract;
        String now = ContractFixtures.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String earlier = ContractFixtures.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        return List.of(
                new Call("GET", base, null),
                new Call("PUT", base, Map.of("label", "Taken over")),
                new Call("POST", base + "/hands", Map.of("user_id", someone, "role_id", 3)),
                new Call("POST", base + "/invite", Map.of("email", Agents.uniqueEmail("hidden-invitee"), "schedule", Map.of())),
                new Call("PUT", base + "/hands/" + ownerHand, Map.of("role", "viewer")),
                new Call("POST", base + "/hands/" + ownerHand + "/answer", Map.of("answer", true)),
                new Call("GET", base + "/bills", null),
                new Call("POST", base + "/bills", billBody("Mine now")),
                new Call("PUT", base + "/bills/" + bill, Map.of("label", "Mine now")),
                new Call("DELETE", base + "/bills/" + bill, null),
                new Call("GET", base + "/events", null),
                new Call("POST", base + "/events", Map.of("label", "Meeting", "date", earlier, "duration", 30)),
                new Call("PUT", base + "/events/" + meeting, Map.of("label", "Renamed")),
                new Call("POST", base + "/events/" + meeting + "/export/" + kal, null),
                new Call("POST", base + "/start", Map.of()),
                new Call("POST", "/api/hands/" + hand + "/start", Map.of()),
                new Call("POST", "/api/hands/" + hand + "/stop", Map.of()),
                new Call("POST", base + "/time", Map.of("duration", 15)),
                new Call("POST", base + "/transactions/" + meeting + "/time", Map.of("date", earlier, "time", 15,
                        "label", "Work", "hand_id", hand)),
                new Call("POST", base + "/payments", Map.of("date", now, "amount", "5.00")),
                new Call("POST", base + "/transactions/" + meeting + "/pay", Map.of("date", now, "amount", "5.00")),
                new Call("POST", base + "/transactions/approve", Map.of("transactions", List.of(meeting))),
                new Call("POST", base + "/transactions/decline", Map.of("transactions", List.of(meeting))),
                new Call("DELETE", base + "/transactions", Map.of("transactions", List.of(meeting))));
    }

    private static Map<String, Object> billBody(String label) {
        return Map.of("label", label, "data", Map.of("users", List.of(), "visiblecol", List.of("label"), "items", List.of()));
    }

    private long bill(String token, long contract, String label) {
        Api.Response created = api.post("/api/contracts/" + contract + "/bills", billBody(label), token);
        assertEquals(201, created.status(), created::toString);
        return created.body().path("id").asLong();
    }

    private long kal(String token) {
        Api.Response created = api.post("/api/kals", Map.of("label", "Mine", "private", true), token);
        assertEquals(201, created.status(), created::toString);
        return created.body().path("id").asLong();
    }
}
