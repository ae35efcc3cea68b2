package com.ceki.tests.hostile;

import com.ceki.apispec.ApiDocument;
import com.ceki.apispec.ApiDocument.Operation;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits an operation's request schema states, each turned into a request just past it (which the validator must
 * refuse, naming the field) or, for plain strings, exactly at it (which it must not refuse for that field): the check
 * that the document states the validators' limits. Top-level body fields and query parameters; nested shapes are
 * left to the response check and the fuzzer.
 */
final class SchemaLimits {

    /** One request: the field it is about, the rule in words, the change to the example, and whether it must be refused. */
    record Case(String field, String rule, HostileCase.Mutation mutation, boolean refused) {}

    private SchemaLimits() {}

    static List<Case> of(ApiDocument document, Operation operation, RouteExample example) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            JsonNode p = document.resolve(parameter);
            if (p.path("in").asText().equals("query")) {
                query(cases, p.path("name").asText(), document.inline(p.path("schema")));
            }
        }
        JsonNode body = operation.node().at("/requestBody/content/application~1json/schema");
        if (body.isMissingNode() || !(example.body() instanceof ObjectNode sent)) {
            return cases;
        }
        JsonNode schema = document.inline(body);
        schema.path("required").forEach(required -> {
            if (sent.has(required.asText())) {
                cases.add(new Case(required.asText(), required.asText() + " is required",
                        new HostileCase.DropField(List.of(required.asText())), true));
            }
        });
        schema.path("properties").properties().forEach(property ->
                body(cases, sent, property.getKey(), property.getValue()));
        return cases;
    }

    private static void body(List<Case> cases, ObjectNode sent, String field, JsonNode schema) {
        JsonNode type = singleType(schema.path("type"));
        boolean onlyString = type.isTextual() && type.asText().equals("string");
        boolean plain = onlyString && !schema.has("format") && !schema.has("pattern") && !schema.has("enum");
        if (schema.has("maxLength") && onlyString) {
            int max = schema.get("maxLength").asInt();
            cases.add(set(sent, field, TextNode.valueOf("x".repeat(max + 1)), "at most " + max + " characters", true));
            if (plain) {
                cases.add(set(sent, field, TextNode.valueOf("x".repeat(max)), "exactly " + max + " characters", false));
            }
        }
        if (schema.path("minLength").asInt(0) > 1 && onlyString) {
            int min = schema.get("minLength").asInt();
            cases.add(set(sent, field, TextNode.valueOf("x".repeat(min - 1)), "at least " + min + " characters", true));
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            JsonNode outside = schema.get("enum").get(0).isNumber() ? LongNode.valueOf(987_654_321L)
                    : TextNode.valueOf("not-one-of-the-listed-values");
            cases.add(set(sent, field, outside, "one of " + schema.get("enum"), true));
        }
        if (schema.has("minimum") && isNumeric(type)) {
            BigDecimal min = schema.get("minimum").decimalValue();
            cases.add(set(sent, field, number(min.subtract(BigDecimal.ONE)), "at least " + min, true));
        }
        if (schema.has("maximum") && isNumeric(type)) {
            BigDecimal max = schema.get("maximum").decimalValue();
            cases.add(set(sent, field, number(max.add(BigDecimal.ONE)), "at most " + max, true));
        }
        if (schema.has("maxItems") && sent.path(field).isArray() && !sent.path(field).isEmpty()) {
            int max = schema.get("maxItems").asInt();
            ArrayNode many = Json.array();
            for (int i = 0; i <= max; i++) {
                many.add(sent.path(field).get(0).deepCopy());
            }
            cases.add(set(sent, field, many, "at most " + max + " items", true));
        }
        JsonNode wrong = wrongType(type);
        if (wrong != null) {
            cases.add(set(sent, field, wrong, "of type " + type, true));
        }
    }

    private static void query(List<Case> cases, String key, JsonNode schema) {
        if (schema.has("maximum") && isNumeric(schema.path("type"))) {
            BigDecimal max = schema.get("maximum").decimalValue();
            cases.add(new Case(key, "at most " + max, new HostileCase.QueryValue(key, max.add(BigDecimal.ONE).toPlainString()),
                    true));
        }
        if (schema.has("minimum") && isNumeric(schema.path("type"))) {
            BigDecimal min = schema.get("minimum").decimalValue();
            cases.add(new Case(key, "at least " + min, new HostileCase.QueryValue(key,
                    min.subtract(BigDecimal.ONE).toPlainString()), true));
        }
        if (schema.has("maxLength") && "string".equals(schema.path("type").asText())) {
            int max = schema.get("maxLength").asInt();
            cases.add(new Case(key, "at most " + max + " characters", new HostileCase.QueryValue(key, "x".repeat(max + 1)),
                    true));
        }
        if (schema.has("enum") && schema.get("enum").get(0).isTextual()) {
            cases.add(new Case(key, "one of " + schema.get("enum"), new HostileCase.QueryValue(key, "not-listed"), true));
        }
    }

    /** The one type besides null that a schema allows ({@code ["string", "null"]} is a string), or the node as it is. */
    private static JsonNode singleType(JsonNode type) {
        if (!type.isArray()) {
            return type;
        }
        List<JsonNode> kinds = new ArrayList<>();
        type.forEach(t -> {
            if (!t.asText().equals("null")) {
                kinds.add(t);
            }
        });
        return kinds.size() == 1 ? kinds.getFirst() : type;
    }

    /** A value no validator of that type takes; null where the type allows several kinds (nothing is surely wrong). */
    private static JsonNode wrongType(JsonNode type) {
        if (!type.isTextual()) {
            return null;
        }
        return switch (type.asText()) {
            case "string" -> Json.object().put("not", "a string");
            case "integer", "number", "boolean", "array", "object" -> TextNode.valueOf("not-a-" + type.asText());
            default -> null;
        };
    }

    private static boolean isNumeric(JsonNode type) {
        return type.isTextual() && (type.asText().equals("integer") || type.asText().equals("number"));
    }

    private static JsonNode number(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 ? LongNode.valueOf(value.longValueExact()) : DecimalNode.valueOf(value);
    }

    private static Case set(ObjectNode sent, String field, JsonNode value, String rule, boolean refused) {
        HostileCase.Mutation mutation = sent.has(field) ? new HostileCase.ReplaceValue(List.of(field), value)
                : new HostileCase.AddField(List.of(), field, value);
        return new Case(field, rule, mutation, refused);
    }
}
