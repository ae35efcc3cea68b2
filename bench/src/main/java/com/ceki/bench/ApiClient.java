package com.ceki.bench;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The API as a client calls it: HTTP/1.1 with keep-alive to the local runner, a user JWT as the bearer, JSON
 * bodies. One client at a time, like one Lambda instance serving one request at a time.
 */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code method path} as {@code jwt}'s person, with {@code body} as JSON (null: none). */
    HttpRequest request(String method, String path, String jwt, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + jwt);
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String jwt, JsonNode body) throws IOException, InterruptedException {
        return send(request(method, path, jwt, body));
    }

    /** The JSON body of a response that has the {@code expected} status; anything else fails the benchmark. */
    static JsonNode body(HttpResponse<String> response, int expected) throws IOException {
        String wrong = status(response, expected);
        if (wrong != null) {
            throw new BenchmarkFailure(response.request().method() + " " + wrong);
        }
        return Json.parse(response.body());
    }

    /** Null when the response has the {@code expected} status, else what it was (a {@link Latencies.Call}'s answer). */
    static String status(HttpResponse<String> response, int expected) {
        return response.statusCode() == expected ? null
                : response.request().uri().getPath() + " answered " + response.statusCode() + ": " + abbreviate(response.body());
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
