package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ceki.core.json.Json;
import com.ceki.tests.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the local runner answers at the HTTP level, before any function runs: always API Gateway's JSON. */
class LocalRunnerTest {

    private final RawHttp http = RawHttp.local();

    private static void assertJson(RawHttp.Response response, int status, String message) throws Exception {
        assertEquals(status, response.status(), response::text);
        assertEquals("application/json", response.headers().get("content-type"), response::text);
        assertEquals(message, Json.parse(response.text()).path("message").asText(), response::text);
    }

    @Test
    void aMalformedEscapeInThePathIsAJson400ForEveryMethod() throws Exception {
        assertJson(http.send("GET", "/api/agent/agents/%zz", Map.of(), null), 400, "Bad Request");
        assertJson(http.send("PUT", "/api/kals/%zz", Map.of("Content-Type", "application/json"),
                "{\"label\":\"x\"}".getBytes(StandardCharsets.UTF_8)), 400, "Bad Request");
        assertJson(http.send("DELETE", "/api/schedules/%/users", Map.of(), null), 400, "Bad Request");
    }

    @Test
    void aBadRequestLineOrAHeadTooLargeIsJsonToo() throws Exception {
        assertJson(http.send("GET", "/api/agent/agents x y", Map.of(), null), 400, "Bad Request");
        assertJson(http.send("GET", "/api/user", Map.of("Authorization", "Bearer " + "x".repeat(20_000)), null), 431,
                "Request Header Fields Too Large");
        assertJson(http.send("GET", "/api/kals/" + "1".repeat(20_000), Map.of(), null), 414, "URI Too Long");
        assertJson(http.send("GET", "/api/user", Map.of("Bad Header", "x"), null), 400, "Bad Request");
    }

    @Test
    void junkInTheQueryReachesTheFunctionAndUnknownRoutesAre404() throws Exception {
        RawHttp.Response page = http.send("GET", "/api/agent/agents?perPage=%zz&page=%ED%A0%80", Map.of(), null);
        assertEquals(422, page.status(), page::text);
        assertJson(http.send("GET", "/api/nothing/here", Map.of(), null), 404, "Not Found");
    }

    @Test
    void answersCarryTheGatewaysHeadersAndNoServerName() {
        RawHttp.Response response = http.send("GET", "/api/agent/agents", Map.of(), null);
        assertEquals(200, response.status(), response::text);
        assertEquals("local", response.headers().get("apigw-requestid"));
        assertEquals(Integer.toString(response.body().length), response.headers().get("content-length"));
        assertFalse(response.headers().containsKey("server"));
    }
}
