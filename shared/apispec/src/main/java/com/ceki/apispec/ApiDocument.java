package com.ceki.apispec;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The API's OpenAPI 3.1 document: the one source of every route's request and response schemas, served at
 * {@code /api/openapi.json}, rendered at {@code /docs}, and read by the MCP server for its tools' schemas.
 *
 * <p>It is kept as JSON fragments by area ({@code base.json} holds what all share: security schemes, the error
 * shapes and responses, pagination), merged here. A billed operation carries {@code x-billed: <usage type>};
 * {@link #priced} turns that into {@code x-price} from the configured prices, so the document never states a price
 * the code does not charge.
 */
public final class ApiDocument {

    /** The fragments after {@code base.json}, in the order their paths appear in the document. */
    static final List<String> FRAGMENTS = List.of("discovery.json", "agent.json", "people.json", "contracts.json",
            "events.json", "mcp.json");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    private final ObjectNode root;

    private ApiDocument(ObjectNode root) {
        this.root = root;
    }

    /** The document as written, billed operations still marked {@code x-billed}. */
    public static ApiDocument load() {
        ObjectNode root = (ObjectNode) read("base.json");
        ObjectNode paths = (ObjectNode) root.get("paths");
        ObjectNode schemas = (ObjectNode) root.get("components").get("schemas");
        for (String fragment : FRAGMENTS) {
            JsonNode part = read(fragment);
            part.path("paths").properties().forEach(path -> {
                ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
                        : paths.putObject(path.getKey());
                path.getValue().properties().forEach(operation -> {
                    if (target.has(operation.getKey())) {
                        throw new IllegalStateException(fragment + ": " + operation.getKey() + " " + path.getKey()
                                + " is documented twice");
                    }
                    target.set(operation.getKey(), operation.getValue());
                });
            });
            part.path("components").path("schemas").properties().forEach(schema -> {
                if (schemas.has(schema.getKey())) {
                    throw new IllegalStateException(fragment + ": schema " + schema.getKey() + " is defined twice");
                }
                schemas.set(schema.getKey(), schema.getValue());
            });
        }
        ApiDocument document = new ApiDocument(root);
        document.operations().stream().filter(o -> o.node().has("x-billed")).forEach(ApiDocument::describePayment);
        document.operations().forEach(ApiDocument::describeUnavailable);
        return document;
    }

    /**
     * Any operation may answer 503 with {@code Retry-After}: a dependency throttled, failing or in conflict past the
     * retries (docs/api-notes.md, "Other conventions"). Said once here; an operation that documents its own 503 keeps
     * it, and one kept only to say 405 (GET /mcp) reaches no dependency.
     */
    private static void describeUnavailable(Operation operation) {
        ObjectNode responses = operation.node().withObject("responses");
        boolean onlyRefuses = responses.size() == 1 && responses.has("405");
        if (!responses.has("503") && !onlyRefuses) {
            responses.putObject("503").put("$ref", "#/components/responses/ServiceUnavailable");
        }
    }

    /**
     * What every billed operation shares, said once here rather than in each: the dry run ({@code dry_run}, a 200
     * with a {@code DryRunQuote}) and x402 ({@code PAYMENT-SIGNATURE} in, {@code PAYMENT-RESPONSE} out).
     */
    private static void describePayment(Operation operation) {
        ArrayNode parameters = operation.node().withArray("parameters");
        parameters.addObject().put("$ref", "#/components/parameters/DryRun");
        parameters.addObject().put("$ref", "#/components/parameters/PaymentSignature");
        ObjectNode responses = operation.node().withObject("responses");
        if (!responses.has("422")) {
            responses.putObject("422").put("$ref", "#/components/responses/ValidationFailed"); // a dry_run not true/false
        }
        ObjectNode quote = Json.object().put("$ref", "#/components/schemas/DryRunQuote");
        responses.properties().forEach(response -> {
            if (response.getKey().startsWith("2") && response.getValue().isObject()) {
                ((ObjectNode) response.getValue()).withObject("headers").putObject("PAYMENT-RESPONSE")
                        .put("$ref", "#/components/headers/PaymentResponse");
            }
        });
        ObjectNode ok = responses.withObject("200");
        ObjectNode media = ok.withObject("content").withObject("application/json");
        if (media.has("schema")) {
            ObjectNode either = Json.object();
            either.putArray("anyOf").add(media.get("schema")).add(quote);
            media.set("schema", either);
            ok.put("description", ok.path("description").asText() + " With `dry_run=true`: the quote.");
        } else {
            ok.put("description", "With `dry_run=true`: the quote; nothing was done or charged.");
            media.set("schema", quote);
            media.set("example", Json.stored("{\"dry_run\": true, \"price_usd\": \"1.00\", \"charge\": {\"currency\": \"USDT\","
                    + " \"amount\": \"1.00\"}, \"free_remaining\": 0, \"balance_after\": {\"currency\": \"USDT\", \"amount\": \"4.00\"},"
                    + " \"would_succeed\": true}"));
        }
    }

    /**
     * A copy with each billed operation's {@code x-price} ({@code usd}, {@code free_per_month}, {@code usage_type})
     * and its price said in the description too, for readers that show only that.
     */
    public ApiDocument priced(Function<String, BigDecimal> usd, ToIntFunction<String> freePerMonth) {
        ObjectNode copy = root.deepCopy();
        for (Operation operation : operations(copy)) {
            JsonNode billed = operation.node().remove("x-billed");
            if (billed == null) {
                continue;
            }
            String type = billed.asText();
            BigDecimal price = usd.apply(type);
            int free = freePerMonth.applyAsInt(type);
            ObjectNode xPrice = operation.node().putObject("x-price");
            xPrice.put("usd", price.toPlainString()).put("free_per_month", free).put("usage_type", type);
            String said = "**Billed: $" + price.toPlainString() + " per call"
                    + (free > 0 ? " (the first " + free + " each month free)" : "") + ".**";
            String description = operation.node().path("description").asText("");
            operation.node().put("description", description.isEmpty() ? said : description + "\n\n" + said);
        }
        return new ApiDocument(copy);
    }

    public ObjectNode json() {
        return root;
    }

    /** One operation of the document: its method, path template and node. */
    public record Operation(String method, String path, ObjectNode node) {
        public String operationId() {
            return node.path("operationId").asText();
        }

        /** As API Gateway names routes: {@code "GET /api/agent/agents/{id}"}. */
        public String routeKey() {
            return method.toUpperCase() + " " + path;
        }
    }

    public List<Operation> operations() {
        return operations(root);
    }

    public Optional<Operation> operation(String operationId) {
        return operations().stream().filter(o -> o.operationId().equals(operationId)).findFirst();
    }

    private static List<Operation> operations(ObjectNode root) {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey())) {
                operations.add(new Operation(entry.getKey(), path.getKey(), (ObjectNode) entry.getValue()));
            }
        }));
        return operations;
    }

    /**
     * What a caller gives an operation, as one JSON object schema with every {@code $ref} inlined: its path and query
     * parameters, and the properties of its JSON body. This is an MCP tool's {@code inputSchema}.
     */
    public ObjectNode inputSchema(String operationId) {
        Operation operation = operation(operationId)
                .orElseThrow(() -> new IllegalArgumentException("No operation " + operationId));
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        Set<String> required = new LinkedHashSet<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            JsonNode p = resolve(parameter);
            String in = p.path("in").asText();
            if (!in.equals("path") && !in.equals("query")) {
                continue;
            }
            ObjectNode property = inline(p.path("schema")).deepCopy();
            if (p.has("description") && !property.has("description")) {
                property.put("description", p.get("description").asText());
            }
            properties.set(p.path("name").asText(), property);
            if (p.path("required").asBoolean(false)) {
                required.add(p.path("name").asText());
            }
        }
        JsonNode body = operation.node().path("requestBody").path("content").path("application/json").path("schema");
        if (!body.isMissingNode()) {
            JsonNode inlined = inline(body);
            inlined.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
            inlined.path("required").forEach(r -> required.add(r.asText()));
            if (inlined.has("additionalProperties")) {
                schema.set("additionalProperties", inlined.get("additionalProperties"));
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        return schema;
    }

    /** Follows a {@code $ref} to a local component, once. */
    public JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#/")) {
            throw new IllegalStateException("Only local references are used: " + pointer);
        }
        JsonNode target = root.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("Unresolved reference " + pointer);
        }
        return target;
    }

    /** A copy of {@code schema} with every {@code $ref} replaced by what it names (the schemas are not recursive). */
    public JsonNode inline(JsonNode schema) {
        if (schema.isObject()) {
            JsonNode resolved = resolve(schema);
            if (resolved != schema) {
                JsonNode target = inline(resolved);
                if (schema.size() == 1 || !target.isObject()) {
                    return target;
                }
                // A $ref with siblings (a description): the siblings win, as in JSON Schema 2020-12 readers.
                ObjectNode merged = ((ObjectNode) target).deepCopy();
                schema.properties().forEach(e -> {
                    if (!e.getKey().equals("$ref")) {
                        merged.set(e.getKey(), inline(e.getValue()));
                    }
                });
                return merged;
            }
            ObjectNode copy = Json.object();
            schema.properties().forEach(e -> copy.set(e.getKey(), inline(e.getValue())));
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = Json.array();
            schema.forEach(item -> copy.add(inline(item)));
            return copy;
        }
        return schema;
    }

    private static JsonNode read(String name) {
        try (InputStream in = ApiDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing API document fragment " + name);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests and tools: the routes the document names, as route keys. */
    public Map<String, Operation> byRouteKey() {
        Map<String, Operation> map = new LinkedHashMap<>();
        operations().forEach(o -> map.put(o.routeKey(), o));
        return map;
    }
}
