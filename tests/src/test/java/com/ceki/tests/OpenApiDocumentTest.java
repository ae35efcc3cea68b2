package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.apispec.ApiDocument;
import com.ceki.apispec.ApiDocument.Operation;
import com.ceki.core.config.Config;
import com.ceki.core.money.Prices;
import com.ceki.local.LocalServer;
import com.ceki.local.template.SamTemplate;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the code: every route of {@code template.yaml} is documented and nothing else is,
 * each operation says what an agent needs to call it, and the served document is the one in the source with the
 * configured prices. (That each response matches it is checked on every response of every test: {@code OpenApiCheck}.)
 */
class OpenApiDocumentTest {

    private static final ApiDocument DOCUMENT = ApiDocument.load();

    @Test
    void documentsEveryTemplateRouteAndNoOther() {
        Set<String> template = new TreeSet<>();
        SamTemplate.load(LocalServer.repoRoot().resolve("template.yaml")).functions()
                .forEach(function -> function.routes().forEach(route -> template.add(route.routeKey())));
        Set<String> documented = new TreeSet<>(DOCUMENT.byRouteKey().keySet());

        Set<String> undocumented = new TreeSet<>(template);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(template);
        assertTrue(undocumented.isEmpty(), "template routes missing from the OpenAPI document: " + undocumented);
        assertTrue(unknown.isEmpty(), "documented routes that template.yaml does not have: " + unknown);
    }

    @Test
    void everyOperationSaysWhatACallerNeeds() {
        Set<String> tags = new HashSet<>();
        DOCUMENT.json().path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Operation operation : DOCUMENT.operations()) {
            JsonNode node = operation.node();
            String at = operation.routeKey() + ": ";
            if (!ids.add(operation.operationId()) || operation.operationId().isEmpty()) {
                problems.add(at + "operationId missing or not unique");
            }
            if (node.path("summary").asText().isBlank()) {
                problems.add(at + "no summary");
            }
            if (node.path("tags").isEmpty() || !tags.contains(node.path("tags").path(0).asText())) {
                problems.add(at + "no tag of the document's list");
            }
            if (!node.has("security")) {
                problems.add(at + "no security (say [] for a public route)");
            }
            JsonNode responses = node.path("responses");
            boolean success = false;
            for (var entry : responses.properties()) {
                int status = Integer.parseInt(entry.getKey());
                if (status >= 200 && status < 300) {
                    success = true;
                    JsonNode content = DOCUMENT.resolve(entry.getValue()).path("content");
                    content.properties().forEach(media -> {
                        if (!media.getValue().has("schema")) {
                            problems.add(at + status + " " + media.getKey() + " has no schema");
                        }
                        if (!media.getValue().has("example") && !media.getValue().has("examples")) {
                            problems.add(at + status + " " + media.getKey() + " has no example");
                        }
                    });
                }
            }
            boolean onlyRefuses = responses.size() == 1 && responses.has("405"); // GET /mcp: kept to say 405
            if (!success && !onlyRefuses) {
                problems.add(at + "no 2xx response");
            }
            boolean anonymousAllowed = false;
            for (JsonNode requirement : node.path("security")) {
                anonymousAllowed |= requirement.isEmpty();
            }
            if (!node.path("security").isEmpty() && !anonymousAllowed && !responses.has("401")) {
                problems.add(at + "needs a credential but documents no 401");
            }
            boolean takesInput = node.has("requestBody") || node.path("parameters").size() > 0;
            if (takesInput && !responses.has("422") && !responses.has("404")) {
                problems.add(at + "takes input but documents neither 422 nor 404");
            }
            if (node.has("x-billed") && !responses.has("402")) {
                problems.add(at + "billed but documents no 402");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyReferenceResolves() {
        DOCUMENT.inline(DOCUMENT.json()); // throws on the first reference that names nothing
    }

    @Test
    void servesTheDocumentWithTheConfiguredPrices() {
        Map<String, String> globals = new HashMap<>();
        SamTemplate.load(LocalServer.repoRoot().resolve("template.yaml")).globalEnvironment()
                .forEach((name, value) -> globals.put(name, String.valueOf(value)));
        Prices prices = Prices.fromConfig(Config.of(globals));

        Api.Response served = TestServer.api().get("/api/openapi.json");

        assertEquals(200, served.status());
        assertEquals(DOCUMENT.priced(prices::usd, prices::freePerMonth).json(), served.body());
        int billed = 0;
        for (Operation operation : DOCUMENT.operations()) {
            JsonNode type = operation.node().get("x-billed");
            if (type != null) {
                billed++;
                JsonNode price = served.body().at("/paths/" + operation.path().replace("~", "~0").replace("/", "~1")
                        + "/" + operation.method() + "/x-price");
                assertEquals(prices.usd(type.asText()).toPlainString(), price.path("usd").asText(), operation.routeKey());
                assertEquals(prices.freePerMonth(type.asText()), price.path("free_per_month").asInt(), operation.routeKey());
            }
        }
        assertEquals(3, billed, "the three billed operations of API.md carry x-billed");
    }
}
