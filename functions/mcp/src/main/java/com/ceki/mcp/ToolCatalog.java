package com.ceki.mcp;

import com.ceki.apispec.ApiDocument;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The tools' definitions for {@code tools/list}, read from the OpenAPI document, the one source of the REST request
 * and response schemas: each tool's input is its operation's request, its output the operation's success body or the
 * error shape, its description the operation's summary and description with its price.
 */
final class ToolCatalog {

    /** OpenAPI's own keywords, which are not JSON Schema 2020-12 and which strict validators refuse. */
    private static final Set<String> OPENAPI_ONLY = Set.of("example", "discriminator", "xml", "externalDocs");
    /** Keywords whose value maps names to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");
    /** Keywords whose value is one schema. */
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "additionalProperties", "not", "if", "then", "else",
            "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties");
    /** Keywords whose value is a list of schemas. */
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    private ToolCatalog() {}

    /** Every tool's definition, in {@link Tool#ALL}'s order. */
    static ArrayNode definitions(ApiDocument priced) {
        ObjectNode error = errorShape(priced);
        ArrayNode tools = Json.array();
        for (Tool tool : Tool.ALL) {
            tools.add(definition(priced, tool, error));
        }
        return tools;
    }

    private static ObjectNode definition(ApiDocument document, Tool tool, ObjectNode error) {
        ApiDocument.Operation operation = document.operation(tool.operationId()).orElseThrow(() ->
                new IllegalStateException("The API document has no operation " + tool.operationId() + " for tool " + tool.name()));
        if (!operation.routeKey().equals(tool.routeKey())) {
            throw new IllegalStateException("Tool " + tool.name() + " calls " + tool.routeKey() + " but the document's "
                    + tool.operationId() + " is " + operation.routeKey());
        }
        ObjectNode definition = Json.object().put("name", tool.name()).put("title", tool.title())
                .put("description", description(operation.node()));
        definition.set("inputSchema", portable(document.inputSchema(tool.operationId())));
        ObjectNode output = definition.putObject("outputSchema").put("type", "object");
        output.putArray("anyOf").add(successBody(document, operation.node())).add(error);
        ObjectNode annotations = definition.putObject("annotations").put("title", tool.title());
        // Only the hints that differ from the spec's defaults (not read-only, destructive, not idempotent, open world).
        if (tool.readOnly()) {
            annotations.put("readOnlyHint", true);
        } else {
            annotations.put("destructiveHint", false); // every write here adds: an account, a schedule, a charge
        }
        annotations.put("openWorldHint", false); // the platform's own data, not the open web
        return definition;
    }

    /** The summary, then the description (which says the price of a billed operation once the document is priced). */
    private static String description(ObjectNode operation) {
        String summary = operation.path("summary").asText("");
        String description = operation.path("description").asText("");
        if (summary.isEmpty()) {
            return description;
        }
        if (description.isEmpty()) {
            return summary;
        }
        return summary + (summary.endsWith(".") ? "" : ".") + "\n\n" + description;
    }

    /** The JSON body of the operation's first 2xx response, or any object when it documents none. */
    private static JsonNode successBody(ApiDocument document, ObjectNode operation) {
        for (var response : operation.path("responses").properties()) {
            if (response.getKey().startsWith("2")) {
                JsonNode schema = document.resolve(response.getValue()).path("content").path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    return portable(document.inline(schema));
                }
            }
        }
        return Json.object().put("type", "object");
    }

    /**
     * A refused call's {@code structuredContent}: the REST error body (the document's {@code Message}, with the
     * fields of {@code ValidationError}, {@code PaymentRequiredError} and {@code SpendLimitError} where they apply) and
     * the HTTP status.
     */
    private static ObjectNode errorShape(ApiDocument document) {
        JsonNode schemas = document.json().path("components").path("schemas");
        ObjectNode error = portable(document.inline(schemas.path("Message")));
        error.put("description", "A refused call: the REST API's error body, with the HTTP status it answered.");
        ObjectNode properties = error.withObjectProperty("properties");
        properties.set("status", Json.object().put("type", "integer").put("minimum", 400).put("maximum", 599)
                .put("description", "The HTTP status of the REST API's answer (401, 402, 403, 404, 422, 429, ...)."));
        properties.set("errors", portable(document.inline(schemas.path("ValidationError").path("properties").path("errors"))));
        for (String refusal : List.of("PaymentRequiredError", "SpendLimitError")) {
            document.inline(schemas.path(refusal)).path("properties").properties().forEach(p -> {
                if (!properties.has(p.getKey())) {
                    properties.set(p.getKey(), portable(p.getValue()));
                }
            });
        }
        properties.set("payment_required", Json.object().put("type", "object")
                .put("description", "On a 402 where x402 is on: the decoded PAYMENT-REQUIRED object (x402 v2: accepts, "
                        + "resource, extensions), the requirements an x402 client pays before retrying the REST route."));
        properties.set("retry_after", Json.object().put("type", "integer").put("minimum", 0)
                .put("description", "On a 429: seconds to wait before trying again (the Retry-After header)."));
        error.withArrayProperty("required").add("status");
        return error;
    }

    /** A copy of an inlined schema without OpenAPI-only keywords (a property named {@code example} is kept). */
    static ObjectNode portable(JsonNode schema) {
        ObjectNode copy = Json.object();
        schema.properties().forEach(entry -> {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            if (OPENAPI_ONLY.contains(keyword) || keyword.startsWith("x-")) {
                return;
            }
            if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode map = copy.putObject(keyword);
                value.properties().forEach(named -> map.set(named.getKey(),
                        named.getValue().isObject() ? portable(named.getValue()) : named.getValue()));
            } else if (SCHEMA_VALUES.contains(keyword) && value.isObject()) {
                copy.set(keyword, portable(value));
            } else if (SCHEMA_LISTS.contains(keyword) && value.isArray()) {
                ArrayNode list = copy.putArray(keyword);
                value.forEach(item -> list.add(item.isObject() ? portable(item) : item));
            } else {
                copy.set(keyword, value);
            }
        });
        return copy;
    }
}
