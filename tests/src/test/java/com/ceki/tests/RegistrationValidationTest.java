package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.json.Json;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the reference for {@code POST /api/agent/register}: 422 naming the field, nothing stored. */
class RegistrationValidationTest {

    private final Api api = TestServer.api();

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("name", null, "The name field is required."),
                Arguments.of("name", "", "The name field is required."),
                Arguments.of("name", "x".repeat(256), "The name field must not be greater than 255 characters."),
                Arguments.of("name", 42, "The name field must be a string."),
                Arguments.of("email", "not-an-email", "The email field must be a valid email address."),
                Arguments.of("email", "a@b", "The email field must be a valid email address."),
                Arguments.of("email", List.of("a@b.com"), "The email field must be a string."),
                Arguments.of("currency", "XRP", "The selected currency is invalid."),
                Arguments.of("currency", "usdt", "The selected currency is invalid."),
                Arguments.of("avatar", "not a url", "The avatar field must be a valid URL."),
                Arguments.of("avatar", "ftp://example.com/a.png", "The avatar field must be a valid URL."),
                Arguments.of("avatar", "https://example.com/" + "a".repeat(500), "The avatar field must not be greater than 500 characters."),
                Arguments.of("owner_email", "owner", "The owner email field must be a valid email address."),
                Arguments.of("description", "d".repeat(5001), "The description field must not be greater than 5000 characters."),
                Arguments.of("website_url", "example.com", "The website url field must be a valid URL."),
                Arguments.of("callback_url", "https://", "The callback url field must be a valid URL."),
                Arguments.of("version", "v".repeat(51), "The version field must not be greater than 50 characters."),
                Arguments.of("last_updated_at", "yesterday", "The last updated at field must be a valid date."),
                Arguments.of("limitations", "l".repeat(5001), "The limitations field must not be greater than 5000 characters."),
                Arguments.of("sla", "s".repeat(501), "The sla field must not be greater than 500 characters."),
                Arguments.of("license", "l".repeat(101), "The license field must not be greater than 100 characters."),
                Arguments.of("privacy_url", "privacy", "The privacy url field must be a valid URL."),
                Arguments.of("skills", "python", "The skills field must be an array."),
                Arguments.of("skills", Collections.nCopies(101, "x"), "The skills field must not have more than 100 items."),
                Arguments.of("languages", Collections.nCopies(51, "en"), "The languages field must not have more than 50 items."),
                Arguments.of("tags", Collections.nCopies(51, "t"), "The tags field must not have more than 50 items."),
                Arguments.of("input_formats", "x", "The input formats field must be an array."),
                Arguments.of("example_requests", Collections.nCopies(21, Map.of("title", "t", "body", "b")),
                        "The example requests field must not have more than 20 items."),
                Arguments.of("env_requirements", Collections.nCopies(51, Map.of("name", "n")),
                        "The env requirements field must not have more than 50 items."));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void rejectsAnInvalidFieldAndStoresNothing(String field, Object value, String message) {
        String email = Agents.uniqueEmail("invalid");
        Map<String, Object> body = Agents.body("Valid name", email);
        body.put(field, value);
        Api.Response response = api.post("/api/agent/register", body);
        assertEquals(422, response.status(), response::toString);
        assertEquals(List.of(message), messages(response, field), response::toString);
        assertEquals(message, response.text("message"));
        assertNothingStoredFor(field.equals("email") ? null : email);
    }

    @Test
    void namesItemLevelFailuresByTheirPath() {
        Map<String, Object> body = Agents.body("Valid", Agents.uniqueEmail("items"));
        body.put("skills", List.of("ok", "s".repeat(101), 7));
        body.put("languages", List.of("english-too-long"));
        body.put("input_formats", List.of(Map.of("type", "string"), "not an object"));
        Api.Response response = api.post("/api/agent/register", body);
        assertEquals(422, response.status(), response::toString);
        var errors = response.body().path("errors");
        assertEquals("The skills.1 field must not be greater than 100 characters.", errors.path("skills.1").get(0).asText());
        assertEquals("The skills.2 field must be a string.", errors.path("skills.2").get(0).asText());
        assertEquals("The languages.0 field must not be greater than 10 characters.", errors.path("languages.0").get(0).asText());
        assertEquals("The input formats.0.name field is required.", errors.path("input_formats.0.name").get(0).asText());
        assertEquals("The input formats.1 field must be an object.", errors.path("input_formats.1").get(0).asText());
        assertEquals("The skills.1 field must not be greater than 100 characters. (and 4 more errors)", response.text("message"));
        assertNothingStoredFor((String) body.get("email"));
    }

    @Test
    void listsEveryFailingField() {
        Api.Response response = api.post("/api/agent/register", Map.of("currency", "DOGE", "skills", 3));
        assertEquals(422, response.status());
        List<String> fields = new ArrayList<>();
        response.body().path("errors").fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("email", "currency", "name", "skills"), fields);
        assertEquals("The email field is required. (and 3 more errors)", response.text("message"));
    }

    @Test
    void malformedJsonIsA422NamingTheBody() {
        for (String raw : List.of("{\"name\": \"x\",", "not json", "[1,2,3]", "\"a string\"", "null")) {
            Api.Response response = api.post("/api/agent/register", raw);
            assertEquals(422, response.status(), raw + " -> " + response);
            assertTrue(response.body().path("errors").has("body") || response.body().path("errors").has("email"),
                    raw + " -> " + response);
        }
    }

    @Test
    void aValidBodyWithAnythingAfterItIsMalformedAndRegistersNobody() throws Exception {
        String email = Agents.uniqueEmail("trailing");
        String valid = Json.mapper().writeValueAsString(Agents.body("Trailing", email));
        for (String raw : List.of(valid + " x", valid + valid, valid + "]")) {
            Api.Response response = api.post("/api/agent/register", raw);
            assertEquals(422, response.status(), raw + " -> " + response);
            assertEquals(List.of("The request body must be valid JSON."), messages(response, "body"));
        }
        assertEquals(201, api.post("/api/agent/register", valid + " \n").status(), "the same body alone registers");
    }

    @Test
    void anEmptyBodyReportsTheRequiredFields() {
        Api.Response response = api.send("POST", "/api/agent/register", null, null);
        assertEquals(422, response.status());
        assertEquals(List.of("The email field is required."), messages(response, "email"));
        assertEquals(List.of("The name field is required."), messages(response, "name"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, Object> body = Agents.body("Extra", Agents.uniqueEmail("extra"));
        body.put("is_admin", true);
        body.put("status", "active");
        var registered = Agents.register(body);
        assertEquals("pending_deposit", registered.response().text("status"));
    }

    static List<String> messages(Api.Response response, String field) {
        List<String> messages = new ArrayList<>();
        response.body().path("errors").path(field).forEach(m -> messages.add(m.asText()));
        return messages;
    }

    private static void assertNothingStoredFor(String email) {
        if (email == null) {
            return;
        }
        var item = TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.agentEmail(email), Keys.AGENT_EMAIL).map()).consistentRead(true)).item();
        assertTrue(item == null || item.isEmpty(), "an agent was stored for " + email);
    }
}
