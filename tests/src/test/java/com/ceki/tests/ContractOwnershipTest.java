package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.tests.support.Api;
import com.ceki.tests.support.ContractFixtures;
import com.ceki.tests.support.ContractFixtures.Member;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One owner, always (docs/contracts.md): the creator is role 1, and role 1 only moves by the owner handing it over. */
class ContractOwnershipTest {

    private final Api api = TestServer.api();

    @Test
    void theCreatorIsTheOwnerAndTheOnlyHand() {
        Users.SignedIn creator = Users.signUp("creator");
        JsonNode contract = ContractFixtures.create(creator.token(), ContractFixtures.body("Mine"));
        assertEquals(creator.id(), contract.path("user_id").asLong());
        assertEquals(creator.id(), contract.path("owner_id").asLong());
        assertEquals(1, contract.path("hands").size(), contract::toString);
        JsonNode hand = contract.path("hands").get(0);
        assertEquals(creator.id(), hand.path("user_id").asLong());
        assertEquals(1, hand.path("role_id").asInt());
        assertEquals("owner", hand.path("role").asText());
        assertEquals(200, hand.path("status_id").asInt(), "accepted from the start");
        assertEquals(5, hand.path("read").asInt());
        assertEquals(5, hand.path("write").asInt());
        assertEquals(hand.path("id"), contract.path("hand").path("id"), "the caller's own hand");
        assertEquals(List.of(contract.path("id").asLong()), ContractFixtures.listed(creator.token()));
    }

    @Test
    void roleOneIsNeverAddedOrInvited() {
        Users.SignedIn owner = Users.signUp("one-owner");
        long contract = ContractFixtures.create(owner.token(), "One owner");
        String base = "/api/contracts/" + contract;
        long someone = ContractFixtures.contact(owner.token());

        assertInvalid(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 1), owner.token()), "role_id");
        assertInvalid(api.post(base + "/invite", Map.of("user_id", someone, "role", 1, "schedule", Map.of()), owner.token()), "role");
        assertInvalid(api.post(base + "/invite", Map.of("user_id", someone, "role", "owner", "schedule", Map.of()), owner.token()), "role");
        assertEquals(1, ContractFixtures.get(owner.token(), contract).path("hands").size(), "nothing added");
        assertOneOwner(owner.token(), contract, owner.id());
    }

    @Test
    void theOwnersHandKeepsRoleOneAndItsLevels() {
        Users.SignedIn owner = Users.signUp("keeper");
        long contract = ContractFixtures.create(owner.token(), "Kept");
        long ownerHand = ContractFixtures.get(owner.token(), contract).path("hand").path("id").asLong();
        Member manager = ContractFixtures.join(owner.token(), contract, 2);
        String path = "/api/contracts/" + contract + "/hands/" + ownerHand;

        Api.Response demoted = api.send("PUT", path, Map.of("role", "manager"), owner.token());
        assertEquals(409, demoted.status(), "the owner cannot demote themselves: " + demoted);
        Api.Response byManager = api.send("PUT", path, Map.of("role", "viewer"), manager.token());
        assertEquals(409, byManager.status(), "nor can a manager demote the owner: " + byManager);
        Api.Response narrowed = api.send("PUT", path, Map.of("role", 1, "read", 0, "write", 0), manager.token());
        assertEquals(403, narrowed.status(), "role 1 in PUT is the owner's alone, on any hand: " + narrowed);
        Api.Response selfNarrowed = api.send("PUT", path, Map.of("role", "owner", "write", 1), owner.token());
        assertEquals(409, selfNarrowed.status(), "the owner's hand keeps its levels 5/5: " + selfNarrowed);

        JsonNode hand = ContractFixtures.hand(owner.token(), contract, ownerHand);
        assertEquals(1, hand.path("role_id").asInt());
        assertEquals(5, hand.path("read").asInt());
        assertEquals(5, hand.path("write").asInt());
        assertOneOwner(owner.token(), contract, owner.id());
        assertEquals(200, api.send("PUT", "/api/contracts/" + contract, Map.of("label", "Still mine"), owner.token()).status(),
                "the owner still edits the contract");

        Api.Response limited = api.send("PUT", path, Map.of("role", "owner", "limit", 40, "schedule", Map.of("price", 80)),
                owner.token());
        assertEquals(200, limited.status(), "the owner sets their own cap and rate: " + limited);
        assertEquals(40, limited.body().path("limit").asInt());
        assertEquals("80.00", limited.body().path("price").asText());
        assertEquals(5, limited.body().path("write").asInt());
    }

    @Test
    void ownershipGoesToAnAcceptedHandByTheOwnerOnly() {
        Users.SignedIn owner = Users.signUp("handover-owner");
        long contract = ContractFixtures.create(owner.token(), "Handed over");
        String base = "/api/contracts/" + contract;
        long ownerHand = ContractFixtures.get(owner.token(), contract).path("hand").path("id").asLong();
        Member manager = ContractFixtures.join(owner.token(), contract, 2);
        Member heir = ContractFixtures.join(owner.token(), contract, 3);
        Member pending = ContractFixtures.pending(owner.token(), contract, 2, Map.of());
        Member decliner = ContractFixtures.pending(owner.token(), contract, 2, Map.of());
        assertEquals(400, ContractFixtures.answer(decliner.token(), contract, decliner.handId(), false).body().path("status_id").asInt());
        long toPay = ContractFixtures.meeting(owner.token(), contract, "Payable", "100.00").path("id").asLong();

        Api.Response byManager = api.send("PUT", base + "/hands/" + heir.handId(), Map.of("role", 1), manager.token());
        assertEquals(403, byManager.status(), "a manager cannot hand over ownership: " + byManager);
        assertOneOwner(owner.token(), contract, owner.id());
        Api.Response toPending = api.send("PUT", base + "/hands/" + pending.handId(), Map.of("role", 1), owner.token());
        assertEquals(409, toPending.status(), "a pending hand cannot become the owner: " + toPending);
        assertOneOwner(owner.token(), contract, owner.id());
        Api.Response toDeclined = api.send("PUT", base + "/hands/" + decliner.handId(), Map.of("role", "owner"), owner.token());
        assertEquals(409, toDeclined.status(), "nor a declined one: " + toDeclined);
        assertOneOwner(owner.token(), contract, owner.id());

        Api.Response handedOver = api.send("PUT", base + "/hands/" + heir.handId(), Map.of("role", 1), owner.token());
        assertEquals(200, handedOver.status(), handedOver::toString);
        assertEquals(1, handedOver.body().path("role_id").asInt());
        assertEquals(5, handedOver.body().path("read").asInt(), "the owner's levels");
        assertEquals(5, handedOver.body().path("write").asInt());
        assertOneOwner(owner.token(), contract, heir.person().id());
        JsonNode former = ContractFixtures.hand(owner.token(), contract, ownerHand);
        assertEquals(2, former.path("role_id").asInt(), "the former owner is a manager");
        assertEquals(5, former.path("write").asInt());
        JsonNode detail = ContractFixtures.get(heir.token(), contract);
        assertEquals(owner.id(), detail.path("user_id").asLong(), "the creator stays the creator");
        assertTrue(ContractFixtures.listed(owner.token()).contains(contract), "both still list it");
        assertTrue(ContractFixtures.listed(heir.token()).contains(contract));

        // The owner-only things: payments (no manager records them), child contracts, handing over again.
        Map<String, Object> payment = Map.of("date", ContractFixtures.now().truncatedTo(ChronoUnit.SECONDS).toString(), "amount", "10.00");
        assertEquals(403, api.post(base + "/transactions/" + toPay + "/pay", payment, owner.token()).status(),
                "the former owner, a manager now, records no payments");
        Api.Response paid = api.post(base + "/transactions/" + toPay + "/pay", payment, heir.token());
        assertEquals(201, paid.status(), "the new owner does: " + paid);
        Map<String, Object> child = ContractFixtures.body("Child");
        child.put("parent_id", contract);
        assertInvalid(api.post("/api/contracts", child, owner.token()), "parent_id");
        assertEquals(contract, ContractFixtures.create(heir.token(), child).path("parent_id").asLong(),
                "the new owner makes a child contract of it");
        Api.Response back = api.send("PUT", base + "/hands/" + heir.handId(), Map.of("role", "manager"), heir.token());
        assertEquals(409, back.status(), "the new owner's hand keeps role 1 too: " + back);
        Api.Response formerTries = api.send("PUT", base + "/hands/" + manager.handId(), Map.of("role", 1), owner.token());
        assertEquals(403, formerTries.status(), "the former owner cannot hand it over any more: " + formerTries);
        assertOneOwner(owner.token(), contract, heir.person().id());

        Api.Response returned = api.send("PUT", base + "/hands/" + ownerHand, Map.of("role", "owner"), heir.token());
        assertEquals(200, returned.status(), returned::toString);
        assertOneOwner(owner.token(), contract, owner.id());
        assertEquals(2, ContractFixtures.hand(owner.token(), contract, heir.handId()).path("role_id").asInt());
    }

    /** Exactly one hand has role 1, it is accepted and it is {@code ownerId}'s, and the contract says so too. */
    private static void assertOneOwner(String token, long contract, long ownerId) {
        JsonNode detail = ContractFixtures.get(token, contract);
        List<JsonNode> owners = new ArrayList<>();
        detail.path("hands").forEach(h -> {
            if (h.path("role_id").asInt() == 1) {
                owners.add(h);
            }
        });
        assertEquals(1, owners.size(), () -> "exactly one owner: " + detail.path("hands"));
        assertEquals(ownerId, owners.get(0).path("user_id").asLong(), "the owner's hand");
        assertEquals(200, owners.get(0).path("status_id").asInt());
        assertEquals(ownerId, detail.path("owner_id").asLong(), "the contract's owner_id");
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertEquals(422, response.status(), response::toString);
        assertTrue(response.body().path("errors").has(field), () -> "expected an error on " + field + ": " + response);
    }
}
