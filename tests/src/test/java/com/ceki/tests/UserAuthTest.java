package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** People: sign-up and sign-in by one-time password, JWTs through the authorizer, the forged-token set. */
class UserAuthTest {

    private final Api api = TestServer.api();

    @AfterEach
    void resetClock() {
        Clocks.adjustable().reset();
    }

    @Test
    void registersVerifiesByCodeAndUsesTheToken() {
        String email = Agents.uniqueEmail("person");
        Api.Response registered = api.post("/api/register", register(email));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals(60, registered.body().path("countdown").asInt());
        String code = TestServer.mailbox().latestCode(email);

        Api.Response verified = api.post("/api/otp/verify", Map.of("email", email, "otp", code));
        assertEquals(200, verified.status(), verified::toString);
        String token = verified.text("token");
        assertNotNull(verified.body().path("user").path("email_verified_at").asText(null));

        Api.Response me = api.get("/api/user", token);
        assertEquals(200, me.status(), me::toString);
        assertEquals(email, me.body().path("user").path("email").asText());
        assertEquals("Jane Doe", me.body().path("user").path("name").asText());
        assertEquals(422, api.post("/api/otp/verify", Map.of("email", email, "otp", code)).status(), "single use");
    }

    @Test
    void logsInWithACodeFromLoginRequest() {
        String email = registeredAndVerified("login");
        Clocks.adjustable().advance(Duration.ofSeconds(61));
        Api.Response requested = api.post("/api/loginrequest", Map.of("email", email));
        assertEquals(200, requested.status(), requested::toString);
        assertEquals("OTP sent", requested.text("message"));
        assertNotNull(requested.text("expires_at"));
        String code = TestServer.mailbox().latestCode(email);
        Api.Response login = api.post("/api/login", Map.of("email", email, "password", code));
        assertEquals(200, login.status(), login::toString);
        assertEquals(200, api.get("/api/user", login.text("token")).status());
        Api.Response again = api.post("/api/login", Map.of("email", email, "password", code));
        assertEquals(422, again.status(), "a code is single use");
        assertEquals("These credentials do not match our records.", again.body().path("errors").path("email").get(0).asText());
    }

    @Test
    void unknownAddressesGetTheSameAnswersAndTheSameThrottle() {
        String nobody = Agents.uniqueEmail("nobody");
        Api.Response first = api.post("/api/loginrequest", Map.of("email", nobody));
        assertEquals(200, first.status());
        assertEquals("OTP sent", first.text("message"));
        assertTrue(TestServer.mailbox().to(nobody).isEmpty(), "nothing is sent to an unknown address");
        Api.Response second = api.post("/api/loginrequest", Map.of("email", nobody));
        assertEquals(429, second.status());
        assertTrue(second.headers().firstValue("Retry-After").isPresent());
        Api.Response login = api.post("/api/login", Map.of("email", nobody, "password", "123456"));
        assertEquals(422, login.status());
        assertEquals("These credentials do not match our records.", login.body().path("errors").path("email").get(0).asText());
    }

    @Test
    void aCodeExpiresAfterTenMinutesAndDiesAfterFiveWrongTries() {
        String email = registeredAndVerified("limits");
        Clocks.adjustable().advance(Duration.ofSeconds(61));
        api.post("/api/loginrequest", Map.of("email", email));
        String code = TestServer.mailbox().latestCode(email);
        Clocks.adjustable().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertEquals(422, api.post("/api/login", Map.of("email", email, "password", code)).status(), "expired");

        Clocks.adjustable().advance(Duration.ofSeconds(61));
        api.post("/api/loginrequest", Map.of("email", email));
        String fresh = TestServer.mailbox().latestCode(email);
        String wrong = fresh.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertEquals(422, api.post("/api/login", Map.of("email", email, "password", wrong)).status());
        }
        assertEquals(422, api.post("/api/login", Map.of("email", email, "password", fresh)).status(), "dead after 5 tries");
    }

    @Test
    void aPasswordSetOnTheProfileAlsoSignsIn() {
        String email = Agents.uniqueEmail("password");
        String token = signUp(email);
        Api.Response mismatch = api.send("PUT", "/api/user", Map.of("password", "s3cret-pass", "password_confirmation", "other-pass"), token);
        assertEquals(422, mismatch.status());
        assertEquals("The password field confirmation does not match.", mismatch.body().path("errors").path("password").get(0).asText());
        String longPassword = "p".repeat(100) + "-suffix-that-bcrypt-alone-would-ignore";
        Api.Response set = api.send("PUT", "/api/user", Map.of("password", longPassword, "password_confirmation", longPassword,
                "timezone", "Europe/Berlin", "city", "Berlin"), token);
        assertEquals(200, set.status(), set::toString);
        assertEquals("Europe/Berlin", set.body().path("user").path("timezone").asText());
        assertFalse(set.body().path("user").has("password_hash"));
        assertEquals(200, api.post("/api/login", Map.of("email", email, "password", longPassword)).status());
        assertEquals(422, api.post("/api/login", Map.of("email", email, "password", "p".repeat(100) + "-suffix")).status(),
                "every character of a long password counts");
        assertEquals(422, api.send("PUT", "/api/user", Map.of("timezone", "Mars/Base"), token).status());
        assertEquals(422, api.send("PUT", "/api/user", Map.of("name", "J"), token).status());
    }

    @Test
    void forgedTokensAreAll401() throws Exception {
        String email = Agents.uniqueEmail("forged");
        String valid = signUp(email);
        long userId = api.get("/api/user", valid).body().path("user").path("id").asLong();
        ECKey key = ECKey.parse(TestServer.get().environment().get("JWT_SIGNING_KEY"));
        String issuer = TestServer.get().environment().get("JWT_ISSUER");
        String audience = TestServer.get().environment().get("JWT_AUDIENCE");
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        ECKey unknownKid = new ECKeyGenerator(Curve.P_256).keyID("nobody").generate();

        List<String> forged = new ArrayList<>();
        forged.add(new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), claims(userId, issuer, audience, 3600)).serialize());
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims(userId, issuer, audience, 3600));
        hs.sign(new MACSigner(padded(key.toPublicJWK().toJSONString())));
        forged.add(hs.serialize());
        forged.add(sign(key, claims(userId, issuer, "another-api", 3600)));
        forged.add(sign(key, claims(userId, "https://evil.example", audience, 3600)));
        forged.add(sign(key, claims(userId, issuer, audience, -120)));
        forged.add(sign(unknownKid, claims(userId, issuer, audience, 3600)));
        forged.add(sign(stranger, claims(userId, issuer, audience, 3600)));
        String[] parts = valid.split("\\.");
        forged.add(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(userId + 1, issuer, audience, 3600).toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        for (String token : forged) {
            Api.Response response = api.get("/api/user", token);
            assertEquals(401, response.status(), "accepted a forged token: " + token);
            assertEquals("{\"message\":\"Unauthenticated.\"}", response.body().toString());
        }
        assertEquals(200, api.get("/api/user", sign(key, claims(userId, issuer, audience, 3600))).status(),
                "the same claims, properly signed, pass");
    }

    @Test
    void agentsAndPeopleStayOnTheirOwnSide() {
        String token = signUp(Agents.uniqueEmail("sides"));
        var agent = Agents.register("sides");
        assertEquals(403, api.get("/api/user", agent.apiKey()).status(), "an agent key on a user endpoint");
        assertEquals(403, api.get("/api/agent/me", token).status(), "a user JWT on an agent endpoint");
    }

    @Test
    void validatesRegistration() {
        Map<String, Object> noTerms = register(Agents.uniqueEmail("terms"));
        noTerms.remove("terms");
        Api.Response response = api.post("/api/register", noTerms);
        assertEquals(422, response.status());
        assertEquals("The terms field is required.", response.body().path("errors").path("terms").get(0).asText());
        Map<String, Object> bad = register("not-an-email");
        bad.put("name", "J");
        bad.put("password", "12345");
        bad.put("tovarisch", "2");
        bad.put("phone", "12");
        var errors = api.post("/api/register", bad).body().path("errors");
        for (String field : List.of("email", "name", "password", "tovarisch", "phone")) {
            assertTrue(errors.has(field), field + " in " + errors);
        }
        String email = Agents.uniqueEmail("twice");
        assertEquals(201, api.post("/api/register", register(email)).status());
        assertEquals(422, api.post("/api/register", register(email.toUpperCase())).status(), "emails are unique in any case");
    }

    private Map<String, Object> register(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("name", "Jane Doe");
        body.put("terms", "1");
        return body;
    }

    private String signUp(String email) {
        assertEquals(201, api.post("/api/register", register(email)).status());
        return api.post("/api/otp/verify", Map.of("email", email, "otp", TestServer.mailbox().latestCode(email))).text("token");
    }

    private String registeredAndVerified(String label) {
        String email = Agents.uniqueEmail(label);
        signUp(email);
        return email;
    }

    private static JWTClaimsSet claims(long userId, String issuer, String audience, long expiresInSeconds) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(Long.toString(userId)).issuer(issuer).audience(audience)
                .issueTime(Date.from(now.minusSeconds(200))).expirationTime(Date.from(now.plusSeconds(expiresInSeconds))).build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** An HMAC secret from the public key's text, as the classic algorithm-confusion attack uses it. */
    private static byte[] padded(String publicKey) {
        byte[] bytes = publicKey.getBytes(StandardCharsets.UTF_8);
        return bytes.length >= 32 ? bytes : Arrays.copyOf(bytes, 32);
    }
}
