package com.ceki.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** People for tests: signed up through the API, their first sign-in code read from the local SES store. */
public final class Users {

    /** A signed-in person: their id, email and JWT. */
    public record SignedIn(long id, String email, String token) {}

    private Users() {}

    public static SignedIn signUp(String label) {
        return signUp(label, "Someone " + label);
    }

    public static SignedIn signUp(String label, String name) {
        Api api = TestServer.api();
        String email = Agents.uniqueEmail(label);
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "name", name, "terms", "1"));
        Api.Response registered = api.post("/api/register", body);
        assertEquals(201, registered.status(), registered::toString);
        Api.Response verified = api.post("/api/otp/verify", Map.of("email", email, "otp", TestServer.mailbox().latestCode(email)));
        assertEquals(200, verified.status(), verified::toString);
        return new SignedIn(verified.body().path("user").path("id").asLong(), email, verified.text("token"));
    }

    /** An image of 100 random bytes uploaded as the person with {@code token} (201): its file id. */
    public static long uploadImage(String token) {
        byte[] bytes = new byte[100];
        new Random().nextBytes(bytes);
        Api.Response uploaded = TestServer.api().post("/api/files",
                Map.of("image", Base64.getEncoder().encodeToString(bytes)), token);
        assertEquals(201, uploaded.status(), uploaded::toString);
        return uploaded.body().get(0).path("id").asLong();
    }
}
