package com.ceki.tests;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invitations (docs/contracts.md, "Invitations"): a hand is pending, and grants nothing, until its person answers yes;
 * inviting an email without an account makes the person the inviter's contact, and the invitation arrives by mail.
 */
class ContractInvitationsTest {

    private final Api api = TestServer.api();

    @Test
    void invitingAnUnknownEmailMakesAContactAndMailsTheAnswerPath() {
        Users.SignedIn owner = Users.signUp("inviter");
        long contract = ContractFixtures.create(owner.token(), "Garden design");
        String email = Agents.uniqueEmail("invitee");

        Api.Response invited = invite(owner.token(), contract, Map.of("email", email, "role", "client",
                "schedule", Map.of("price", "20.00")));
        assertEquals(201, invited.status(), invited::toString);
        JsonNode hand = invited.body();
        long handId = hand.path("id").asLong();
        long userId = hand.path("user_id").asLong();
        assertEquals(100, hand.path("status_id").asInt(), "an invitation is pending");
        assertEquals(4, hand.path("role_id").asInt());
        assertEquals("client", hand.path("role").asText());
        assertEquals(3, hand.path("read").asInt(), "the client's default levels");
        assertEquals(3, hand.path("write").asInt());
        assertEquals("20.00", hand.path("price").asText());
        assertEquals("USD", hand.path("currency").asText(), "the contract's currency");
        assertEquals(email, hand.path("user").path("email").asText());
        assertEquals(contract, hand.path("contract_id").asLong());

        Api.Response contacts = api.post("/api/contacts", Map.of("email", email), owner.token());
        assertEquals(userId, contacts.body().path("new").path("id").asLong(), "the invited person exists, found by email");
        JsonNode contact = contactOf(contacts.body().path("contacts"), userId);
        assertEquals(2, contact.path("count").asInt(), "the invitation made them the inviter's contact once already");
        assertEquals(200, api.send("PUT", "/api/users/" + userId, Map.of("name", "Gardener"), owner.token()).status(),
                "the inviter created them, so may edit them until they sign in");

        List<JsonNode> mails = TestServer.mailbox().to(email);
        assertEquals(1, mails.size(), "one invitation mail");
        String path = "/api/contracts/" + contract + "/hands/" + handId + "/answer";
        assertTrue(mails.get(0).path("body").path("text").asText().contains(path), () -> "names the answer path: " + mails.get(0));
        assertTrue(mails.get(0).path("body").path("text").asText().contains("Garden design"), "names the contract");
        assertTrue(mails.get(0).path("subject").asText().contains("Garden design"), () -> "subject: " + mails.get(0));

        String token = signIn(email);
        assertEquals(404, api.get("/api/contracts/" + contract, token).status(), "a pending hand grants nothing");
        assertEquals(404, api.get("/api/contracts/" + contract + "/bills", token).status());
        assertFalse(ContractFixtures.listed(token).contains(contract));

        Api.Response accepted = api.post(path, Map.of("answer", true), token);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals(200, accepted.body().path("status_id").asInt());
        assertEquals(handId, accepted.body().path("id").asLong());
        JsonNode seen = ContractFixtures.get(token, contract);
        assertEquals(handId, seen.path("hand").path("id").asLong(), "their own hand");
        assertEquals(200, seen.path("hand").path("status_id").asInt());
        assertEquals(List.of(contract), ContractFixtures.listed(token), "listed once accepted");
        assertEquals(200, api.get("/api/contracts/" + contract + "/bills", token).status(), "a client reads bills");

        Api.Response again = api.post(path, Map.of("answer", true), token);
        assertEquals(200, again.status(), again::toString);
        assertEquals(200, again.body().path("status_id").asInt(), "answering again is harmless");
        Api.Response changedMind = api.post(path, Map.of("answer", false), token);
        assertEquals(200, changedMind.status(), changedMind::toString);
        assertEquals(200, changedMind.body().path("status_id").asInt(), "an answered invitation stays answered");
        assertEquals(200, api.get("/api/contracts/" + contract, token).status());
        assertEquals(List.of(contract), ContractFixtures.listed(token));
    }

    @Test
    void aDeclinedHandSeesNothingUntilInvitedAgainAndAccepting() {
        Users.SignedIn owner = Users.signUp("decline-owner");
        long contract = ContractFixtures.create(owner.token(), "Declined");
        Users.SignedIn person = Users.signUp("decliner");
        Api.Response invited = invite(owner.token(), contract, Map.of("user_id", person.id(), "role", "member", "schedule", Map.of()));
        assertEquals(201, invited.status(), invited::toString);
        long handId = invited.body().path("id").asLong();

        Api.Response declined = ContractFixtures.answer(person.token(), contract, handId, false);
        assertEquals(200, declined.status(), declined::toString);
        assertEquals(400, declined.body().path("status_id").asInt(), "declined");
        assertEquals(404, api.get("/api/contracts/" + contract, person.token()).status(), "a declined hand grants nothing");
        assertFalse(ContractFixtures.listed(person.token()).contains(contract));
        Api.Response late = ContractFixtures.answer(person.token(), contract, handId, true);
        assertEquals(200, late.status(), late::toString);
        assertEquals(400, late.body().path("status_id").asInt(), "answering again changes nothing");
        assertEquals(404, api.get("/api/contracts/" + contract, person.token()).status());
        assertEquals(400, ContractFixtures.hand(owner.token(), contract, handId).path("status_id").asInt());

        int mailsBefore = TestServer.mailbox().to(person.email()).size();
        Api.Response reinvited = invite(owner.token(), contract, Map.of("user_id", person.id(), "role", "viewer", "schedule", Map.of()));
        assertEquals(200, reinvited.status(), reinvited::toString);
        assertEquals(handId, reinvited.body().path("id").asLong(), "the same hand, invited again");
        assertEquals(100, reinvited.body().path("status_id").asInt(), "pending again");
        assertEquals(6, reinvited.body().path("role_id").asInt(), "with the new terms");
        assertEquals(mailsBefore + 1, TestServer.mailbox().to(person.email()).size(), "and mailed again");

        Api.Response accepted = ContractFixtures.answer(person.token(), contract, handId, true);
        assertEquals(200, accepted.body().path("status_id").asInt(), accepted::toString);
        assertEquals(200, api.get("/api/contracts/" + contract, person.token()).status());
        assertTrue(ContractFixtures.listed(person.token()).contains(contract));
    }

    @Test
    void onlyTheInvitedPersonAnswers() {
        Users.SignedIn owner = Users.signUp("answer-owner");
        long contract = ContractFixtures.create(owner.token(), "Answers");
        Member manager = ContractFixtures.join(owner.token(), contract, 2);
        Member invitee = ContractFixtures.pending(owner.token(), contract, 3, Map.of());
        Users.SignedIn stranger = Users.signUp("answer-stranger");
        long otherContract = ContractFixtures.create(owner.token(), "Another");

        Api.Response byManager = ContractFixtures.answer(manager.token(), contract, invitee.handId(), true);
        assertEquals(403, byManager.status(), "another hand of the contract: " + byManager);
        Api.Response byOwner = ContractFixtures.answer(owner.token(), contract, invitee.handId(), true);
        assertEquals(403, byOwner.status(), "the owner does not answer for them: " + byOwner);
        Api.Response byStranger = ContractFixtures.answer(stranger.token(), contract, invitee.handId(), true);
        assertEquals(404, byStranger.status(), "someone not on the contract: " + byStranger);
        assertEquals("Contract not found.", byStranger.text("message"));
        Api.Response elsewhere = ContractFixtures.answer(invitee.token(), otherContract, invitee.handId(), true);
        assertEquals(404, elsewhere.status(), "the hand through another contract's path: " + elsewhere);
        Api.Response correction = api.post("/api/contracts/" + contract + "/hands/" + invitee.handId() + "/answer",
                Map.of("answer", true, "correction_id", 5), invitee.token());
        assertEquals(404, correction.status(), "a pending hand answers no corrections: it is not on the contract yet " + correction);
        Api.Response noAnswer = api.post("/api/contracts/" + contract + "/hands/" + invitee.handId() + "/answer",
                Map.of("answer", "perhaps"), invitee.token());
        assertInvalid(noAnswer, "answer");
        assertEquals(100, ContractFixtures.hand(owner.token(), contract, invitee.handId()).path("status_id").asInt(),
                "still pending after every refused answer");

        Api.Response own = ContractFixtures.answer(invitee.token(), contract, invitee.handId(), true);
        assertEquals(200, own.status(), own::toString);
        assertEquals(200, ContractFixtures.hand(owner.token(), contract, invitee.handId()).path("status_id").asInt());
    }

    @Test
    void invitingAPendingPersonAgainReturnsTheirHandAndMailsThemAgain() {
        Users.SignedIn owner = Users.signUp("reinvite-owner");
        long contract = ContractFixtures.create(owner.token(), "Reinvite");
        String email = Agents.uniqueEmail("reinvited");
        Api.Response first = invite(owner.token(), contract, Map.of("email", email, "role", "member",
                "schedule", Map.of("price", 30)));
        assertEquals(201, first.status(), first::toString);
        long handId = first.body().path("id").asLong();
        long userId = first.body().path("user_id").asLong();

        Api.Response second = invite(owner.token(), contract, Map.of("email", email.toUpperCase(), "role", "manager",
                "schedule", Map.of("price", 99)));
        assertEquals(200, second.status(), second::toString);
        assertEquals(handId, second.body().path("id").asLong(), "the same pending hand");
        assertEquals(100, second.body().path("status_id").asInt());
        assertEquals(3, second.body().path("role_id").asInt(), "returned as it is: a pending invitation keeps its terms");
        assertEquals("30.00", second.body().path("price").asText());
        Api.Response byId = invite(owner.token(), contract, Map.of("user_id", userId, "schedule", Map.of()));
        assertEquals(200, byId.status(), byId::toString);
        assertEquals(handId, byId.body().path("id").asLong());

        assertEquals(3, TestServer.mailbox().to(email).size(), "each invitation is mailed: the way to send a lost one again");
        assertEquals(2, ContractFixtures.get(owner.token(), contract).path("hands").size(), "the owner and one hand");
    }

    @Test
    void aSecondHandForThePersonIsAConflict() {
        Users.SignedIn owner = Users.signUp("conflict-owner");
        long contract = ContractFixtures.create(owner.token(), "Conflicts");
        Member accepted = ContractFixtures.join(owner.token(), contract, 3);
        Member pending = ContractFixtures.pending(owner.token(), contract, 5, Map.of());
        String base = "/api/contracts/" + contract;

        assertConflict(invite(owner.token(), contract, Map.of("user_id", accepted.person().id(), "schedule", Map.of())),
                "inviting an accepted hand by id");
        assertConflict(invite(owner.token(), contract, Map.of("email", accepted.person().email(), "schedule", Map.of())),
                "inviting an accepted hand by email");
        assertConflict(invite(owner.token(), contract, Map.of("user_id", owner.id(), "schedule", Map.of())),
                "inviting the owner");
        assertConflict(api.post(base + "/hands", Map.of("user_id", accepted.person().id(), "role_id", 2), owner.token()),
                "adding an accepted hand again");
        assertConflict(api.post(base + "/hands", Map.of("user_id", pending.person().id(), "role_id", 2), owner.token()),
                "adding a pending hand again");
        long someone = ContractFixtures.contact(owner.token());
        ContractFixtures.addHand(owner.token(), contract, someone, 6, Map.of());
        assertConflict(api.post(base + "/hands", Map.of("user_id", someone, "role_id", 6), owner.token()),
                "POST .../hands twice for the same person");

        JsonNode hands = ContractFixtures.get(owner.token(), contract).path("hands");
        assertEquals(4, hands.size(), "owner, accepted, pending and someone: nothing added by the conflicts");
        assertEquals(5, ContractFixtures.hand(owner.token(), contract, pending.handId()).path("role_id").asInt(),
                "the pending hand kept its role");
        assertEquals(3, ContractFixtures.hand(owner.token(), contract, accepted.handId()).path("role_id").asInt());
    }

    @Test
    void addingAHandMailsThePersonAndTheirRateIsTheirs() {
        Users.SignedIn owner = Users.signUp("add-owner");
        long contract = ContractFixtures.create(owner.token(), "Tom & Jerry <b>");
        Users.SignedIn person = Users.signUp("added");
        int before = TestServer.mailbox().to(person.email()).size();
        Map<String, Object> schedule = new HashMap<>(Map.of("price", "45.50", "currency", "EUR", "duration", 60,
                "settings", Map.of("credit", true, "break", 15, "days", List.of(1, 2, 3), "hours",
                        Map.of("start", "09:00", "end", "17:00"))));
        JsonNode hand = ContractFixtures.addHand(owner.token(), contract, person.id(), 5,
                Map.of("read", 4, "write", 1, "limit", 20, "schedule", schedule));
        assertEquals(100, hand.path("status_id").asInt());
        assertEquals(5, hand.path("role_id").asInt());
        assertEquals(4, hand.path("read").asInt());
        assertEquals(1, hand.path("write").asInt());
        assertEquals(20, hand.path("limit").asInt());
        assertEquals("45.50", hand.path("price").asText());
        assertEquals("EUR", hand.path("currency").asText());
        assertTrue(hand.path("credit").asBoolean());
        assertEquals("09:00", hand.path("schedule").path("settings").path("hours").path("start").asText());
        List<JsonNode> mails = TestServer.mailbox().to(person.email());
        assertEquals(before + 1, mails.size(), "the added person is told");
        assertTrue(mails.get(mails.size() - 1).path("body").path("text").asText()
                .contains("/api/contracts/" + contract + "/hands/" + hand.path("id").asLong() + "/answer"));
        String html = mails.get(mails.size() - 1).path("body").path("html").asText();
        assertTrue(html.contains("Tom &amp; Jerry &lt;b&gt;") && !html.contains("<b>"), () -> "the label is escaped: " + html);

        Users.SignedIn another = Users.signUp("added-strings");
        Api.Response strings = api.post("/api/contracts/" + contract + "/hands", Map.of("user_id", String.valueOf(another.id()),
                "role_id", "4", "read", "1", "write", "0"), owner.token());
        assertEquals(201, strings.status(), "the reference's string enums: " + strings);
        assertEquals(4, strings.body().path("role_id").asInt());
        assertEquals(1, strings.body().path("read").asInt());
        assertEquals(0, strings.body().path("write").asInt());
        assertEquals("0.00", strings.body().path("price").asText(), "no schedule: a rate of nothing, in the contract's currency");
        assertEquals("USD", strings.body().path("currency").asText());
    }

    private Api.Response invite(String token, long contract, Map<String, Object> body) {
        return api.post("/api/contracts/" + contract + "/invite", body, token);
    }

    /** Signs in as a person someone else created (a contact): a code by mail, then the login. */
    private String signIn(String email) {
        Api.Response requested = api.post("/api/loginrequest", Map.of("email", email));
        assertEquals(200, requested.status(), requested::toString);
        Api.Response login = api.post("/api/login", Map.of("email", email, "password", TestServer.mailbox().latestCode(email)));
        assertEquals(200, login.status(), login::toString);
        return login.text("token");
    }

    private static JsonNode contactOf(JsonNode contacts, long userId) {
        for (JsonNode c : contacts) {
            if (c.path("user_id").asLong() == userId) {
                return c;
            }
        }
        throw new AssertionError("no contact " + userId + " in " + contacts);
    }

    private static void assertConflict(Api.Response response, String what) {
        assertEquals(409, response.status(), () -> what + ": " + response);
        assertTrue(response.body().path("message").isTextual(), () -> what + " says why: " + response);
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertEquals(422, response.status(), response::toString);
        assertTrue(response.body().path("errors").has(field), () -> "expected an error on " + field + ": " + response);
    }
}
