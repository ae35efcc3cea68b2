package com.ceki.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON response: status, body, extra headers, and what the call was charged in USD (for metering; never
 * sent to the client).
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers, BigDecimal chargedUsd) {

    private static final String CONTENT_TYPE = "Content-Type";

    public static ApiResponse ok(JsonNode body) {
        return of(200, body);
    }

    public static ApiResponse created(JsonNode body) {
        return of(201, body);
    }

    public static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body, Map.of(), BigDecimal.ZERO);
    }

    /** A response that is not JSON (an iCalendar feed): {@code text} as it is, with its content type. */
    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, TextNode.valueOf(text), Map.of(CONTENT_TYPE, contentType), BigDecimal.ZERO);
    }

    public static ApiResponse message(int status, String message) {
        return of(status, Json.object().put("message", message));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> merged = new HashMap<>(headers);
        merged.put(name, value);
        return new ApiResponse(status, body, Map.copyOf(merged), chargedUsd);
    }

    public ApiResponse withCharge(BigDecimal usd) {
        return new ApiResponse(status, body, headers, usd);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public APIGatewayV2HTTPResponse toEvent() {
        Map<String, String> all = new HashMap<>(headers);
        boolean json = !all.containsKey(CONTENT_TYPE);
        all.putIfAbsent(CONTENT_TYPE, "application/json");
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(all);
        response.setBody(json ? Json.write(body) : body.asText());
        response.setIsBase64Encoded(false);
        return response;
    }
}
