package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.apispec.ApiDocument;
import com.ceki.apispec.ApiDocument.Operation;
import com.ceki.local.LocalServer;
import com.ceki.local.stack.ChildProcesses;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an agent that knows only the base URL reads first: llms.txt, the agent card, the reference page (rendered by
 * a real browser, Debian's Chromium) and the OpenAPI document (linted by Redocly's CLI, the npm package pinned in
 * tools/emulators).
 */
class DiscoveryTest {

    private static final ApiDocument DOCUMENT = ApiDocument.load();
    private final Api api = TestServer.api();
    private final String base = TestServer.get().baseUrl();

    @Test
    void llmsTxtIsTheAgentsPathInTheLlmsTxtFormat() {
        Api.Response r = api.get("/llms.txt");

        assertEquals(200, r.status());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        List<String> lines = r.body().asText().lines().toList();
        assertTrue(lines.getFirst().startsWith("# "), "the file opens with its H1");
        assertEquals(1, lines.stream().filter(l -> l.startsWith("# ")).count(), "one H1");
        String firstBlock = lines.stream().skip(1).filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertTrue(firstBlock.startsWith("> "), "a blockquote summary follows the H1: " + firstBlock);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("## ")), "sections of links");
        String text = r.body().asText();
        for (String link : List.of("/api/openapi.json", "/docs", "/.well-known/agent-card.json", "/mcp")) {
            assertTrue(text.contains("](" + base + link + ")"), "links to " + link);
        }
        for (String step : List.of("/api/agent/register", "/api/agent/verify-email", "/api/agent/wallet",
                "Idempotency-Key", "402", "422", "Retry-After")) {
            assertTrue(text.contains(step), "says " + step);
        }
        assertTrue(text.contains("`POST /api/agent/search/specialists`: ") && text.contains("$0.50 a call"),
                "the prices, from the configuration");
        assertTrue(text.contains("(the first 100 each month free)"), "the free allowance");
    }

    @Test
    void theAgentCardIsAnA2aCardWhoseSkillsAreThePaidOperations() {
        Api.Response r = api.get("/.well-known/agent-card.json");

        assertEquals(200, r.status());
        JsonNode card = r.body();
        for (String field : List.of("name", "description", "version", "supportedInterfaces", "capabilities",
                "defaultInputModes", "defaultOutputModes", "skills", "securitySchemes")) {
            assertTrue(card.hasNonNull(field), "the card has " + field);
        }
        assertEquals(base + "/mcp", card.at("/supportedInterfaces/0/url").asText());
        assertEquals("Bearer", card.at("/securitySchemes/agentKey/httpAuthSecurityScheme/scheme").asText());
        assertTrue(card.at("/securityRequirements/0/schemes").has("agentKey"));
        Set<String> skills = new TreeSet<>();
        card.path("skills").forEach(skill -> skills.add(skill.path("id").asText()));
        Set<String> billed = new TreeSet<>();
        DOCUMENT.operations().stream().filter(o -> o.node().has("x-billed")).forEach(o -> billed.add(o.operationId()));
        assertEquals(billed, skills);
        card.path("skills").forEach(skill -> assertTrue(skill.path("description").asText().contains("$"),
                "a skill says its price: " + skill));
    }

    @Test
    void theReferencePageRendersEveryOperationInABrowser() throws Exception {
        Api.Response script = api.get("/docs/redoc.standalone.js");
        assertEquals(200, script.status());
        assertTrue(script.body().asText().length() > 100_000, "Redoc's bundle, served by the API");

        String dom = renderedDom(base + "/docs");

        List<String> missing = new ArrayList<>();
        for (Operation operation : DOCUMENT.operations()) {
            String summary = operation.node().path("summary").asText();
            if (!dom.contains(escapeHtml(summary))) {
                missing.add(operation.routeKey() + " \"" + summary + "\"");
            }
        }
        assertTrue(dom.contains("ceki platform API"), "the title rendered");
        assertTrue(missing.isEmpty(), "operations the page did not render: " + missing);
    }

    @Test
    void redoclyLintsTheServedDocumentClean() throws Exception {
        Path work = Files.createTempDirectory("openapi-lint");
        Path document = work.resolve("openapi.json");
        Files.writeString(document, api.get("/api/openapi.json").body().toString());
        Path redocly = LocalServer.repoRoot().resolve("tools/emulators/node_modules/@redocly/cli/bin/cli.js");

        Process lint = ChildProcesses.command(List.of("node", redocly.toString(), "lint", document.toString(),
                        "--config", LocalServer.repoRoot().resolve("tools/emulators/redocly.yaml").toString(),
                        "--format", "stylish"))
                .directory(work).environment("REDOCLY_TELEMETRY", "off").environment("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
                .startPiped();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS));

        assertEquals(0, lint.exitValue(), output);
        assertTrue(output.contains("Your API description is valid") && !output.contains("You have "),
                "no problem at all, warnings included:\n" + output);
    }

    /** The page's DOM after its scripts ran, from headless Chromium (the flags this machine's network needs). */
    private static String renderedDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process chromium = ChildProcesses.command(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--virtual-time-budget=30000", "--dump-dom", url))
                .startPiped();
        String output = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium ended");
        assertEquals(0, chromium.exitValue(), output.length() > 4000 ? output.substring(0, 4000) : output);
        return output;
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
