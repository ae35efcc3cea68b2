package com.ceki.tests.support;

import com.ceki.apispec.ApiDocument;
import com.ceki.apispec.ApiDocument.Operation;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every response the integration tests receive, checked against the OpenAPI document the API serves: the status must
 * be one the operation documents, and the body must be valid against that response's schema (JSON Schema 2020-12,
 * formats asserted). So every test is also a contract test of the document, and the document cannot drift from the
 * code unnoticed. A request whose path no documented operation matches is left to {@code OpenApiDocumentTest}, which
 * fails when a template route is undocumented.
 */
public final class OpenApiCheck {

    private static final ApiDocument DOCUMENT = ApiDocument.load();
    private static final List<Template> TEMPLATES = templates();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private record Template(Operation operation, String[] segments, int literals) {}

    private OpenApiCheck() {}

    /** The operation a request reaches, as API Gateway chooses: the matching template with the most literal segments. */
    public static Optional<Operation> operation(String method, String path) {
        String[] actual = segments(path);
        return TEMPLATES.stream()
                .filter(t -> t.operation().method().equalsIgnoreCase(method) && matches(t.segments(), actual))
                .findFirst()
                .map(Template::operation);
    }

    /**
     * Throws an {@link AssertionError} naming the request, the status and what is wrong when the response is not one
     * the document allows.
     *
     * @param contentType the response's Content-Type, or null
     * @param body        the parsed JSON body, or null when the body is not JSON
     */
    public static void verify(String method, String pathAndQuery, int status, String contentType, JsonNode body) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return;
        }
        Operation operation = found.get();
        String where = method + " " + pathAndQuery + " (" + operation.operationId() + ") answered " + status;
        JsonNode response = operation.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError(where + ", a status the OpenAPI document does not list for it: " + body);
        }
        JsonNode content = DOCUMENT.resolve(response).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            throw new AssertionError(where + " with Content-Type " + contentType + "; the document says " + documented);
        }
        if (!mediaType.endsWith("json") || !media.has("schema")) {
            return;
        }
        if (body == null) {
            throw new AssertionError(where + " with a body that is not JSON");
        }
        Schema schema = COMPILED.computeIfAbsent(operation.routeKey() + " " + status,
                key -> SCHEMAS.getSchema(DOCUMENT.inline(media.get("schema"))));
        List<Error> errors = schema.validate(body, context ->
                context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ", a body that does not match the document:\n  "
                    + errors.stream().limit(10).map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                    .collect(Collectors.joining("\n  "))
                    + "\nbody: " + RawHttp.abbreviate(Json.write(body), 2_000));
        }
    }

    private static List<Template> templates() {
        List<Template> templates = new ArrayList<>();
        for (Operation operation : DOCUMENT.operations()) {
            String[] segments = segments(operation.path());
            int literals = 0;
            for (String segment : segments) {
                if (!segment.startsWith("{")) {
                    literals++;
                }
            }
            templates.add(new Template(operation, segments, literals));
        }
        templates.sort((a, b) -> Integer.compare(b.literals(), a.literals()));
        return templates;
    }

    private static boolean matches(String[] template, String[] actual) {
        if (template.length != actual.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{") && !template[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
