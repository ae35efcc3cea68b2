package com.ceki.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.apispec.ApiDocument;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tools against the OpenAPI document they are read from: same operations, same routes, portable schemas. */
class ToolCatalogTest {

    private static final Map<String, BigDecimal> PRICES = Map.of("api_search", new BigDecimal("0.50"),
            "api_user_view", new BigDecimal("0.10"), "schedule_create", new BigDecimal("1.00"));

    private final ApiDocument priced = ApiDocument.load().priced(PRICES::get, type -> type.equals("api_user_view") ? 100 : 0);
    private final ArrayNode definitions = ToolCatalog.definitions(priced);

    @Test
    void everyToolIsItsOperationsRouteAndTheBilledOnesAreTheDocumentsBilledOnes() {
        assertEquals(11, definitions.size());
        Set<String> billedRoutes = new HashSet<>();
        priced.operations().stream().filter(o -> o.node().has("x-price")).forEach(o -> billedRoutes.add(o.routeKey()));
        for (Tool tool : Tool.ALL) {
            ApiDocument.Operation operation = priced.operation(tool.operationId()).orElseThrow();
            assertEquals(tool.routeKey(), operation.routeKey(), tool.name());
            boolean billed = billedRoutes.contains(tool.routeKey());
            assertFalse(billed && tool.readOnly(), tool.name() + " is billed, so it changes the wallet");
        }
        assertTrue(billedRoutes.containsAll(List.of("POST /api/agent/schedules", "POST /api/agent/search/specialists",
                "GET /api/agent/user/{id}")), billedRoutes::toString);
    }

    @Test
    void billedToolsSayTheirPrice() {
        assertTrue(definition("search_specialists").path("description").asText().contains("$0.50 per call"));
        assertTrue(definition("create_schedule").path("description").asText().contains("$1.00 per call"));
        String view = definition("view_person").path("description").asText();
        assertTrue(view.contains("$0.10 per call") && view.contains("first 100 each month free"), view);
        assertFalse(definition("get_wallet").path("description").asText().contains("Billed"));
    }

    @Test
    void inputsAreTheOperationsRequestsAndOutputsTheSuccessOrTheErrorShape() {
        for (JsonNode tool : definitions) {
            String name = tool.path("name").asText();
            assertEquals("object", tool.path("inputSchema").path("type").asText(), name);
            assertEquals("object", tool.path("outputSchema").path("type").asText(), name);
            JsonNode anyOf = tool.path("outputSchema").path("anyOf");
            assertEquals(2, anyOf.size(), name);
            assertEquals(List.of("message", "status"), strings(anyOf.get(1).path("required")), name);
            assertFalse(tool.path("description").asText().isBlank(), name);
            assertTrue(tool.path("annotations").path("title").isTextual(), name);
        }
        JsonNode view = definition("view_person").path("inputSchema");
        assertEquals(List.of("id"), strings(view.path("required")), "the path parameter is a required argument");
        JsonNode search = definition("search_specialists").path("inputSchema");
        assertFalse(search.path("properties").has("Idempotency-Key"), "headers are not arguments");
        assertTrue(definition("get_wallet").path("annotations").path("readOnlyHint").asBoolean());
        assertFalse(definition("search_specialists").path("annotations").has("readOnlyHint"));
    }

    @Test
    void schemasAreInlinedJsonSchemaWithoutOpenApiKeywords() {
        List<String> found = new ArrayList<>();
        for (JsonNode tool : definitions) {
            for (String schema : List.of("inputSchema", "outputSchema")) {
                keywords(tool.path(schema), tool.path("name").asText() + "." + schema, found);
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void aPropertyNamedLikeAnOpenApiKeywordIsKept() {
        ObjectNode schema = (ObjectNode) Json.stored("{\"type\":\"object\",\"example\":{},\"x-internal\":true,"
                + "\"properties\":{\"example\":{\"type\":\"string\",\"example\":\"x\"}}}");
        assertEquals("{\"type\":\"object\",\"properties\":{\"example\":{\"type\":\"string\"}}}", ToolCatalog.portable(schema).toString());
    }

    /** Where a schema still has a {@code $ref}, an OpenAPI {@code example} or an {@code x-} extension. */
    private static void keywords(JsonNode schema, String at, List<String> found) {
        if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                keywords(schema.get(i), at + "[" + i + "]", found);
            }
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        schema.properties().forEach(entry -> {
            String key = entry.getKey();
            if (key.equals("$ref") || key.equals("example") || key.startsWith("x-")) {
                found.add(at + "." + key);
            }
            if (key.equals("properties")) {
                entry.getValue().properties().forEach(p -> keywords(p.getValue(), at + ".properties." + p.getKey(), found));
            } else if (!key.equals("enum") && !key.equals("const") && !key.equals("examples") && !key.equals("default")) {
                keywords(entry.getValue(), at + "." + key, found);
            }
        });
    }

    private JsonNode definition(String name) {
        for (JsonNode tool : definitions) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
