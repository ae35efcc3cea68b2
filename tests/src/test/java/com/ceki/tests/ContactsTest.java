package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contacts and the users one creates by adding them: who may edit whom, and email changes confirmed by OTP. */
class ContactsTest {

    private final Api api = TestServer.api();

    @AfterEach
    void resetClock() {
        Clocks.adjustable().reset();
    }

    @Test
    void addingAnUnknownEmailCreatesTheUserOnce() {
        String owner = signUp(Agents.uniqueEmail("owner"));
        String email = Agents.uniqueEmail("contact");
        Api.Response added = api.post("/api/contacts", Map.of("email", email), owner);
        assertEquals(200, added.status(), added::toString);
        JsonNode user = added.body().path("new");
        assertEquals(email, user.path("email").asText());
        assertTrue(user.path("email_verified_at").isNull(), "a contact has never signed in");
        assertEquals(1, added.body().path("contacts").size());
        assertEquals(user.path("id").asLong(), added.body().path("contacts").get(0).path("user_id").asLong());

        Api.Response again = api.post("/api/contacts", Map.of("email", email.toUpperCase()), owner);
        assertEquals(user.path("id"), again.body().path("new").path("id"), "found, not created again");
        assertEquals(1, again.body().path("contacts").size());
        assertEquals(2, again.body().path("contacts").get(0).path("count").asInt());
        assertEquals(422, api.post("/api/contacts", Map.of("email", "nope"), owner).status());
    }

    @Test
    void labelsAContact() {
        String owner = signUp(Agents.uniqueEmail("labeler"));
        long userId = api.post("/api/contacts", Map.of("email", Agents.uniqueEmail("labeled")), owner)
                .body().path("new").path("id").asLong();
        Api.Response labeled = api.post("/api/users/" + userId + "/contacts", Map.of("label", "Dentist", "description", "Tuesdays"), owner);
        assertEquals(200, labeled.status(), labeled::toString);
        assertEquals("Dentist", labeled.text("label"));
        assertEquals("Tuesdays", labeled.text("description"));
        assertEquals(422, api.post("/api/users/" + userId + "/contacts", Map.of("label", "D"), owner).status());
        assertEquals(404, api.post("/api/users/999999999/contacts", Map.of("label", "Ghost"), owner).status());
    }

    @Test
    void onlyTheCreatorEditsAUserWhoNeverSignedIn() {
        String creator = signUp(Agents.uniqueEmail("creator"));
        String stranger = signUp(Agents.uniqueEmail("stranger"));
        String email = Agents.uniqueEmail("managed");
        long userId = api.post("/api/contacts", Map.of("email", email), creator).body().path("new").path("id").asLong();

        Api.Response edited = api.send("PUT", "/api/users/" + userId, Map.of("name", "Dr. Who", "city", "London"), creator);
        assertEquals(200, edited.status(), edited::toString);
        assertEquals("Dr. Who", edited.body().path("user").path("name").asText());
        assertEquals(404, api.send("PUT", "/api/users/" + userId, Map.of("name", "Mallory"), stranger).status(),
                "someone else's contact does not exist for you");
        assertEquals(422, api.send("PUT", "/api/users/" + userId, Map.of("name", "X"), creator).status());

        // Once the person signs in, their profile is theirs.
        Clocks.adjustable().advance(Duration.ofSeconds(61));
        api.post("/api/loginrequest", Map.of("email", email));
        assertEquals(200, api.post("/api/login", Map.of("email", email, "password", TestServer.mailbox().latestCode(email))).status());
        assertEquals(403, api.send("PUT", "/api/users/" + userId, Map.of("name", "Too late"), creator).status());
    }

    @Test
    void aNewEmailTakesEffectOnlyWhenItsCodeIsConfirmed() {
        String creator = signUp(Agents.uniqueEmail("mover"));
        String oldEmail = Agents.uniqueEmail("old");
        String newEmail = Agents.uniqueEmail("new");
        long userId = api.post("/api/contacts", Map.of("email", oldEmail), creator).body().path("new").path("id").asLong();

        Api.Response pending = api.send("PUT", "/api/users/" + userId, Map.of("email", newEmail), creator);
        assertEquals(200, pending.status(), pending::toString);
        assertEquals("OTP sent to new email", pending.text("message"));
        String code = TestServer.mailbox().latestCode(newEmail);
        assertEquals(422, api.post("/api/otp/verify", Map.of("email", newEmail, "otp", code.equals("000000") ? "111111" : "000000")).status());

        Api.Response confirmed = api.post("/api/otp/verify", Map.of("email", newEmail, "otp", code));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals(newEmail, confirmed.body().path("user").path("email").asText());
        assertEquals(userId, confirmed.body().path("user").path("id").asLong());
        assertEquals(newEmail, api.get("/api/user", confirmed.text("token")).body().path("user").path("email").asText());

        String taken = Agents.uniqueEmail("taken");
        signUp(taken);
        long other = api.post("/api/contacts", Map.of("email", Agents.uniqueEmail("other")), creator).body().path("new").path("id").asLong();
        assertEquals(422, api.send("PUT", "/api/users/" + other, Map.of("email", taken), creator).status());
    }

    private String signUp(String email) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "name", "Someone", "terms", "1"));
        assertEquals(201, api.post("/api/register", body).status());
        return api.post("/api/otp/verify", Map.of("email", email, "otp", TestServer.mailbox().latestCode(email))).text("token");
    }
}
