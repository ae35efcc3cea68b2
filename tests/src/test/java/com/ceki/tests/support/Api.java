package com.ceki.tests.support;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client of the local API: what an agent's code would do, over real HTTP. Every response is checked
 * against the OpenAPI document ({@link OpenApiCheck}): a status or body the document does not allow fails the test.
 */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, parsed JSON body (or a text node when the body is not JSON) and headers. */
    public record Response(int status, JsonNode body, HttpHeaders headers) {
        public String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String path, String apiKey) {
        return send("GET", path, null, apiKey);
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, Object body, String apiKey) {
        return send("POST", path, body, apiKey);
    }

    public Response post(String path, Object body) {
        return post(path, body, null);
    }

    public Response patch(String path, Object body, String apiKey) {
        return send("PATCH", path, body, apiKey);
    }

    /** Sends {@code body} as JSON: a String is sent verbatim (to test malformed JSON), anything else serialised. */
    public Response send(String method, String path, Object body, String apiKey) {
        return sendWithHeader(method, path, body, apiKey == null ? null : "Bearer " + apiKey);
    }

    public Response sendWithHeader(String method, String path, Object body, String authorization) {
        return send(method, path, body, authorization, Map.of());
    }

    /** A POST with an {@code Idempotency-Key}, as a client that retries safely sends it. */
    public Response postOnce(String path, Object body, String token, String idempotencyKey) {
        return send("POST", path, body, token == null ? null : "Bearer " + token, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Any request, with extra headers. */
    public Response send(String method, String path, Object body, String authorization, Map<String, String> headers) {
        try {
            String json = body == null ? null
                    : body instanceof String s ? s : Json.mapper().writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed;
            boolean isJson = true;
            try {
                parsed = response.body().isEmpty() ? Json.object() : Json.parse(response.body());
            } catch (IOException notJson) {
                parsed = Json.mapper().getNodeFactory().textNode(response.body());
                isJson = false;
            }
            OpenApiCheck.verify(method, path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), isJson ? parsed : null);
            return new Response(response.statusCode(), parsed, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
