package com.ceki.tests.hostile;

import com.ceki.core.json.Json;
import com.ceki.tests.support.RawHttp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One hostile request: a route's valid example, a credential, and the mutations that make it hostile. Drawn
 * ({@link HostileCases}) before the fixtures' values are known (they change: a regenerated key), and turned into bytes by
 * {@link #request(Fixtures)} when it is sent.
 */
record HostileCase(RouteExample example, Credential credential, String garbage, List<Mutation> mutations) {

    /** Whose credential the request carries. */
    enum Credential { RIGHT, NONE, GARBAGE, OTHER_PRINCIPAL }

    /** One change to the example. */
    sealed interface Mutation {}

    /** A value of the body replaced by a hostile one. */
    record ReplaceValue(List<Object> path, JsonNode value) implements Mutation {}

    /** A field the route does not know, added to one of the body's objects. */
    record AddField(List<Object> object, String key, JsonNode value) implements Mutation {}

    /** A field of the body left out. */
    record DropField(List<Object> path) implements Mutation {}

    /** A fixture reference of the body replaced by someone else's (their kal, file, user...). */
    record SomeoneElses(List<Object> path) implements Mutation {}

    /** The whole body replaced by a hostile JSON value. */
    record WholeBody(JsonNode value) implements Mutation {}

    /** The whole body replaced by bytes that may not be JSON or UTF-8 at all. */
    record RawBody(byte[] bytes) implements Mutation {}

    /** Invalid UTF-8 bytes inside one string of the body. */
    record BrokenBytes(List<Object> path, byte[] bytes) implements Mutation {}

    /** A path parameter replaced by raw request-target text, or ({@link #SOMEONE_ELSE}) by someone else's id. */
    record PathId(String param, String raw) implements Mutation {}

    static final String SOMEONE_ELSE = "(someone else's)";

    /** A query parameter set to raw text (an existing one, or a new one). */
    record QueryValue(String key, String raw) implements Mutation {}

    /** A header the client should not send. */
    record Header(String name, String value) implements Mutation {}

    /** The request as it goes out. */
    record Request(String method, String target, Map<String, String> headers, byte[] body, String credential) {

        /** Everything needed to send it again by hand (values past 300 chars, bodies past 4,000, abbreviated). */
        String describe() {
            StringBuilder out = new StringBuilder(method).append(' ').append(RawHttp.abbreviate(target))
                    .append("\n  credential: ").append(credential);
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Authorization")) {
                    out.append("\n  ").append(name).append(": ").append(RawHttp.abbreviate(value));
                }
            });
            if (body != null) {
                out.append("\n  body (").append(body.length).append(" bytes): ").append(RawHttp.abbreviate(printable(body), 4_000));
            }
            return out.toString();
        }

        /** The bytes as ASCII ({@code \\xNN} for others), long runs of one token shortened to "token x count". */
        private static String printable(byte[] bytes) {
            StringBuilder out = new StringBuilder();
            for (byte b : bytes) {
                int c = b & 0xFF;
                out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
            }
            Matcher runs = REPEATED.matcher(out);
            StringBuilder shortened = new StringBuilder();
            while (runs.find()) {
                runs.appendReplacement(shortened, Matcher.quoteReplacement("(" + runs.group(1) + " x "
                        + runs.group().length() / runs.group(1).length() + ")"));
            }
            return runs.appendTail(shortened).toString();
        }
    }

    /** A token of up to 12 chars repeated 20 times or more in a row. */
    private static final Pattern REPEATED = Pattern.compile("(.{1,12}?)\\1{19,}");
    private static final ObjectWriter ASCII = Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final String BROKEN = "@@BROKEN-BYTES@@";

    // ------------------------------------------------------------------ the request

    Request request(Fixtures fixtures) {
        JsonNode body = example.body() == null ? null : example.body().deepCopy();
        Map<String, String> pathValues = new LinkedHashMap<>();
        example.path().forEach((param, ref) -> pathValues.put(param, String.valueOf(resolve(fixtures, ref))));
        Map<String, List<String>> query = new LinkedHashMap<>();
        example.query().properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            (e.getValue().isArray() ? e.getValue() : Json.array().add(e.getValue()))
                    .forEach(v -> values.add(encode(String.valueOf(resolve(fixtures, v.asText())))));
            query.put(encode(e.getKey()), values);
        });
        Map<String, String> headers = new LinkedHashMap<>();
        example.headers().forEach((name, value) -> headers.put(name, String.valueOf(resolve(fixtures, value))));
        byte[] raw = null;
        byte[] broken = null;
        for (Mutation m : mutations) {
            switch (m) {
                case ReplaceValue r -> body = set(body, r.path(), r.value().deepCopy());
                case AddField a -> {
                    JsonNode target = a.object().isEmpty() ? body : RouteExample.at(body, a.object());
                    if (target instanceof ObjectNode object) {
                        object.set(a.key(), a.value().deepCopy());
                    }
                }
                case DropField d -> body = remove(body, d.path());
                case SomeoneElses s -> {
                    JsonNode ref = body == null ? null : RouteExample.at(body, s.path());
                    if (ref != null && ref.isTextual() && ref.asText().startsWith("$")) {
                        String other = Fixtures.others().get(ref.asText().substring(1));
                        body = set(body, s.path(), JsonNodeFactory.instance.textNode("$" + other));
                    }
                }
                case WholeBody w -> {
                    body = w.value().deepCopy();
                    raw = null;
                    broken = null;
                }
                case RawBody r -> {
                    raw = r.bytes();
                    broken = null;
                }
                case BrokenBytes b -> {
                    JsonNode current = body == null ? null : RouteExample.at(body, b.path());
                    if (current != null && current.isTextual()) {
                        body = set(body, b.path(), JsonNodeFactory.instance.textNode(BROKEN));
                        broken = b.bytes();
                    }
                }
                case PathId p -> pathValues.put(p.param(), !p.raw().equals(SOMEONE_ELSE) ? p.raw()
                        : String.valueOf(resolve(fixtures, "$" + Fixtures.others().getOrDefault(
                                example.path().get(p.param()).substring(1), example.path().get(p.param()).substring(1)))));
                case QueryValue q -> query.put(q.key(), List.of(q.raw()));
                case Header h -> headers.put(h.name(), h.value());
            }
        }
        byte[] bytes = raw != null ? raw : body == null ? null : serialize(resolveAll(fixtures, body), broken);
        if (bytes != null) {
            headers.putIfAbsent("Content-Type", "application/json");
        }
        String credentialName = credential.name().toLowerCase();
        switch (credential) {
            case RIGHT -> authorize(headers, fixtures, example.as());
            case OTHER_PRINCIPAL -> {
                String other = example.as().equals("agent") ? "user" : example.as().equals("user") ? "agent"
                        : example.pathTemplate().startsWith("/api/agent") ? "user" : "agent";
                authorize(headers, fixtures, other);
                credentialName += " (" + other + ")";
            }
            case GARBAGE -> {
                headers.put("Authorization", garbage);
                credentialName += " (" + RawHttp.abbreviate(garbage) + ")";
            }
            case NONE -> { }
        }
        if (credential == Credential.RIGHT) {
            credentialName += " (" + example.as() + ")";
        }
        return new Request(example.method(), target(pathValues, query), headers, bytes, credentialName);
    }

    private String target(Map<String, String> pathValues, Map<String, List<String>> query) {
        String path = example.pathTemplate();
        for (var e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
                .collect(Collectors.joining("&"));
    }

    private static void authorize(Map<String, String> headers, Fixtures fixtures, String as) {
        switch (as) {
            case "agent" -> headers.put("Authorization", "Bearer " + fixtures.ref("agentKey"));
            case "user" -> headers.put("Authorization", "Bearer " + fixtures.ref("userToken"));
            default -> { }
        }
    }

    private static Object resolve(Fixtures fixtures, String value) {
        return value.startsWith("$") && fixtures.has(value.substring(1)) ? fixtures.ref(value.substring(1)) : value;
    }

    /** The body with every {@code "$fixture"} string replaced by the fixture's value. */
    private static JsonNode resolveAll(Fixtures fixtures, JsonNode node) {
        if (node.isTextual()) {
            Object value = resolve(fixtures, node.asText());
            return value instanceof Number n ? JsonNodeFactory.instance.numberNode(n.longValue())
                    : JsonNodeFactory.instance.textNode(String.valueOf(value));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            object.properties().forEach(e -> out.set(e.getKey(), resolveAll(fixtures, e.getValue())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.array();
            array.forEach(item -> out.add(resolveAll(fixtures, item)));
            return out;
        }
        return node;
    }

    /** JSON text in ASCII: every other char, lone surrogates included, as a {@code \\uXXXX} escape. */
    private static byte[] serialize(JsonNode body, byte[] broken) {
        byte[] bytes;
        try {
            bytes = ASCII.writeValueAsString(body).getBytes(StandardCharsets.US_ASCII);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int at = broken == null ? -1 : new String(bytes, StandardCharsets.US_ASCII).indexOf(BROKEN);
        if (at < 0) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(broken);
        out.write(bytes, at + BROKEN.length(), bytes.length - at - BROKEN.length());
        return out.toByteArray();
    }

    private static JsonNode set(JsonNode body, List<Object> path, JsonNode value) {
        if (body == null) {
            return null;
        }
        JsonNode parent = RouteExample.at(body, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String key && object.has(key)) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array && last instanceof Integer i && i < array.size()) {
            array.set(i, value);
        }
        return body;
    }

    private static JsonNode remove(JsonNode body, List<Object> path) {
        if (body == null) {
            return null;
        }
        JsonNode parent = RouteExample.at(body, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String key) {
            object.remove(key);
        } else if (parent instanceof ArrayNode array && last instanceof Integer i && i < array.size()) {
            array.remove((int) i);
        }
        return body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return example.routeKey() + " as " + credential + " with " + mutations.size() + " mutation(s)";
    }
}
