package com.ceki.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.local.runner.LocalEnvironment;
import com.ceki.local.stack.AwsBackend;
import com.ceki.local.template.SamTemplate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The project's own template.yaml, as the runner reads it. */
class TemplateTest {

    private static final Set<String> DISCOVERY = Set.of("/docs", "/docs/redoc.standalone.js", "/llms.txt",
            "/.well-known/agent-card.json", "/mcp");

    private final SamTemplate template = SamTemplate.load(LocalServer.repoRoot().resolve("template.yaml"));

    @Test
    void everyRouteIsUniqueAndItsHandlerClassExists() throws Exception {
        Set<String> keys = new HashSet<>();
        for (var function : template.functions()) {
            assertNotNull(Class.forName(function.handlerClass()), function.handlerClass());
            for (var route : function.routes()) {
                assertTrue(keys.add(route.routeKey()), "duplicate route " + route.routeKey());
                // The API under /api/; beside it only the well-known entry points of discovery and MCP.
                assertTrue(route.path().startsWith("/api/") || DISCOVERY.contains(route.path()), route.path());
                if (route.authorizer() != null) {
                    assertTrue(template.authorizers().containsKey(route.authorizer()));
                }
            }
        }
        assertTrue(keys.contains("GET /api/agent/agents/{id}"));
    }

    @Test
    void theAuthorizerNeverCaches() {
        var authorizer = template.authorizers().get("CredentialAuthorizer");
        assertEquals(0, authorizer.resultTtlSeconds(), "a cached decision would keep a rotated key alive");
        assertTrue(authorizer.simpleResponses());
        assertTrue(authorizer.identityHeaders().isEmpty());
    }

    @Test
    void resolvesEveryEnvironmentVariableLocally() {
        var env = LocalEnvironment.resolve(template, new AwsBackend.Endpoints("http://d", "http://q", "http://s", null, "http://f"),
                Map.of("MeteringQueue", "http://q/000000000000/MeteringQueue", "MeteringDeadLetterQueue", "http://q/dlq",
                        "WebhookQueue", "http://q/000000000000/WebhookQueue", "WebhookDeadLetterQueue", "http://q/wdlq"),
                Map.of("secret:ceki/jwt-signing-key", "{\"kty\":\"EC\"}", "JwtVerificationKeys", "{\"keys\":[]}",
                        "UsdtContract", "0x1", "UsdcContract", "0x2"));
        assertEquals("{\"kty\":\"EC\"}", env.get("JWT_SIGNING_KEY"), "secrets made at start are resolved");
        assertEquals("0x1", env.get("USDT_CONTRACT"));
        assertEquals("http://q/000000000000/MeteringQueue", env.get("METERING_QUEUE_URL"));
        assertEquals("http://q/000000000000/WebhookQueue", env.get("WEBHOOK_QUEUE_URL"));
        assertEquals("1,1,1,1,1,1,1", env.get("WEBHOOK_RETRY_SECONDS"), "retries within seconds locally");
        assertEquals("ceki-local", env.get("TABLE_NAME"));
        assertEquals("regtest", env.get("BTC_NETWORK"));
        assertEquals(LocalEnvironment.SECRETS.get("ceki/code-pepper"), env.get("CODE_PEPPER"));
        assertTrue(env.get("ETH_ACCOUNT_XPUB").startsWith("xpub"));
        assertEquals("http://d", env.get("DYNAMODB_ENDPOINT"));
    }

    @Test
    void theWebhookQueueGivesUpAfterTheLastAttemptOfTheSchedule() {
        int waits = String.valueOf(template.parameterDefaults().get("WebhookRetrySeconds")).split(",").length;
        Map<String, Object> redrive = SamTemplate.map(template.queues().get("WebhookQueue").get("RedrivePolicy"));
        assertEquals(String.valueOf(waits + 1), String.valueOf(redrive.get("maxReceiveCount")),
                "one receive per attempt: the queue must hold a message for every attempt and no more");
        assertEquals(waits, LocalEnvironment.PARAMETERS.get("WebhookRetrySeconds").split(",").length, "the same schedule locally");
    }
}
