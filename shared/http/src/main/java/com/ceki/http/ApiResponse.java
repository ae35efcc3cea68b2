package com.ceki.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON response: status, body, extra headers, and what the call was charged in USD (for metering; never
 * sent to the client).
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers, BigDecimal chargedUsd) {

    public static ApiResponse ok(JsonNode body) {
        return of(200, body);
    }

    public static ApiResponse created(JsonNode body) {
        return of(201, body);
    }

    public static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body, Map.of(), BigDecimal.ZERO);
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
        all.put("Content-Type", "application/json");
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(all);
        response.setBody(Json.write(body));
        response.setIsBase64Encoded(false);
        return response;
    }
}
