package com.ceki.apidocs;

import com.ceki.apispec.ApiDocument;
import com.ceki.core.money.Prices;
import com.ceki.core.auth.Principal;
import com.ceki.core.json.Json;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.inject.Inject;

/**
 * The public documents an agent or a developer reads before the first call. Each is built once per container from
 * the one API document ({@link ApiDocument}) and the configured prices, so none can state what the code does not do.
 */
public final class ApiDocsRoutes {

    private static final String CACHE = "public, max-age=300";

    private final Prices prices;
    private volatile ApiDocument document;
    private volatile String documentText;

    @Inject
    public ApiDocsRoutes(Prices prices) {
        this.prices = prices;
    }

    public Router router() {
        return new Router()
                .route("GET /api/openapi.json", Access.PUBLIC, this::openApi)
                .route("GET /docs", Access.PUBLIC, this::page)
                .route("GET /docs/redoc.standalone.js", Access.PUBLIC, this::renderer)
                .route("GET /llms.txt", Access.PUBLIC, this::llms)
                .route("GET /.well-known/agent-card.json", Access.PUBLIC, this::agentCard)
                .route("GET /api/agent/prices", Access.PUBLIC, this::prices);
    }

    ApiResponse openApi(ApiRequest request, Principal caller) {
        String text = documentText;
        if (text == null) {
            text = Json.write(document().json());
            documentText = text;
        }
        return ApiResponse.text(200, "application/json", text).withHeader("Cache-Control", CACHE);
    }

    ApiResponse page(ApiRequest request, Principal caller) {
        return ApiResponse.text(200, "text/html; charset=utf-8", Page.HTML).withHeader("Cache-Control", CACHE);
    }

    ApiResponse renderer(ApiRequest request, Principal caller) {
        return ApiResponse.text(200, "text/javascript; charset=utf-8", Renderer.SCRIPT)
                .withHeader("Cache-Control", "public, max-age=86400");
    }

    ApiResponse llms(ApiRequest request, Principal caller) {
        return ApiResponse.text(200, "text/markdown; charset=utf-8", LlmsText.of(baseUrl(request), document()))
                .withHeader("Cache-Control", CACHE);
    }

    ApiResponse agentCard(ApiRequest request, Principal caller) {
        return ApiResponse.ok(AgentCard.of(baseUrl(request), document())).withHeader("Cache-Control", CACHE);
    }

    /** Every billed operation with its price and monthly free allowance, read off the priced document. */
    ApiResponse prices(ApiRequest request, Principal caller) {
        ObjectNode body = Json.object().put("currency", "USD");
        ArrayNode operations = body.putArray("operations");
        for (ApiDocument.Operation operation : document().operations()) {
            JsonNode price = operation.node().path("x-price");
            if (price.isObject()) {
                operations.addObject().put("operation_id", operation.operationId())
                        .put("method", operation.method().toUpperCase(Locale.ROOT)).put("path", operation.path())
                        .put("usage_type", price.path("usage_type").asText()).put("price_usd", price.path("usd").asText())
                        .put("free_per_month", price.path("free_per_month").asInt());
            }
        }
        return ApiResponse.ok(body).withHeader("Cache-Control", CACHE);
    }

    /** The document with the configured prices, built on first use (a race builds it twice, harmlessly). */
    private ApiDocument document() {
        ApiDocument built = document;
        if (built == null) {
            built = ApiDocument.load().priced(prices::usd, prices::freePerMonth);
            document = built;
        }
        return built;
    }

    /** The deployment's base URL as the client called it ({@code https://api.example.com}). */
    private static String baseUrl(ApiRequest request) {
        String url = request.url();
        return url.substring(0, url.length() - request.rawPath().length());
    }

    /** The reference page, read once per container, when first served. */
    private static final class Page {
        static final String HTML = read("docs.html");
    }

    /** Redoc's bundle (about 1 MB), read once per container, when first served. */
    private static final class Renderer {
        static final String SCRIPT = read("redoc.standalone.js");
    }

    private static String read(String name) {
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (./dev installs the pinned "
                        + "npm packages of tools/emulators before building)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
