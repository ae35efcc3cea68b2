package com.ceki.tests.hostile;

import com.ceki.core.json.Json;
import com.ceki.local.template.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The valid request of one route, from {@code hostile-input/examples.json} (keyed by route key, as in
 * {@code template.yaml}), that the hostile cases mutate.
 *
 * @param as       the credential the route wants: {@code agent}, {@code user} or {@code none}
 * @param path     path parameter to value ({@code "$kal"})
 * @param query    query parameter to a value or, for {@code name[]}, an array of values
 * @param body     the JSON body, or null for none
 * @param captures fixture to the response field that replaces it after a success (a regenerated key)
 * @param expect   statuses besides 2xx that the example itself answers (it cannot succeed every time)
 */
record RouteExample(String routeKey, String method, String pathTemplate, String as, Map<String, String> path,
                    ObjectNode query, Map<String, String> headers, JsonNode body, Map<String, String> captures,
                    Set<Integer> expect) {

    static final String RESOURCE = "/hostile-input/examples.json";

    /** Every example, by route key. */
    static Map<String, RouteExample> load() {
        JsonNode root;
        try (InputStream in = RouteExample.class.getResourceAsStream(RESOURCE)) {
            root = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, RouteExample> examples = new LinkedHashMap<>();
        root.properties().forEach(entry -> {
            if (!entry.getKey().startsWith("_")) {
                examples.put(entry.getKey(), of(entry.getKey(), entry.getValue()));
            }
        });
        return examples;
    }

    /** The route keys of {@code template.yaml}, read as the local runner reads them. */
    static Set<String> templateRoutes(Path repoRoot) {
        Set<String> keys = new TreeSet<>();
        SamTemplate.load(repoRoot.resolve("template.yaml")).functions()
                .forEach(function -> function.routes().forEach(route -> keys.add(route.routeKey())));
        return keys;
    }

    private static RouteExample of(String routeKey, JsonNode spec) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String pathTemplate = routeKey.substring(routeKey.indexOf(' ') + 1);
        Set<Integer> expect = new LinkedHashSet<>();
        spec.path("expect").forEach(status -> expect.add(status.asInt()));
        JsonNode body = spec.get("body");
        return new RouteExample(routeKey, method, pathTemplate, spec.path("as").asText("none"), strings(spec.get("path")),
                spec.has("query") ? (ObjectNode) spec.get("query") : Json.object(), strings(spec.get("headers")),
                body, strings(spec.get("captures")), expect);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    /** The paths of every value of the body (keys and indexes from the root), for a mutation to pick from. */
    List<List<Object>> valuePaths() {
        List<List<Object>> paths = new ArrayList<>();
        if (body != null) {
            collect(body, new ArrayList<>(), paths, false);
        }
        return paths;
    }

    /** The paths of the body's objects (the root included), where unknown fields can be added. */
    List<List<Object>> objectPaths() {
        List<List<Object>> paths = new ArrayList<>();
        if (body != null) {
            if (body.isObject()) {
                paths.add(List.of());
            }
            collect(body, new ArrayList<>(), paths, true);
        }
        return paths;
    }

    /** The paths of the body's {@code "$fixture"} references that have a "someone else's" counterpart. */
    List<List<Object>> referencePaths() {
        List<List<Object>> paths = new ArrayList<>();
        for (List<Object> path : valuePaths()) {
            if (isReference(at(body, path))) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** A {@code "$fixture"} id that has a "someone else's" counterpart (a number once resolved). */
    static boolean isReference(JsonNode value) {
        return value.isTextual() && value.asText().startsWith("$") && Fixtures.others().containsKey(value.asText().substring(1));
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> out, boolean objectsOnly) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                List<Object> path = append(at, e.getKey());
                if (!objectsOnly || e.getValue().isObject()) {
                    out.add(path);
                }
                collect(e.getValue(), path, out, objectsOnly);
            });
        } else if (node.isArray()) {
            // Of an array of scalars only the first item: its siblings are checked by the same rule.
            int items = node.size() > 0 && node.get(0).isValueNode() ? 1 : node.size();
            for (int i = 0; i < items; i++) {
                List<Object> path = append(at, i);
                if (!objectsOnly || node.get(i).isObject()) {
                    out.add(path);
                }
                collect(node.get(i), path, out, objectsOnly);
            }
        }
    }

    static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.path(i) : node.path((String) step);
        }
        return node;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }
}
