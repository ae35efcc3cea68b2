package com.ceki.payments;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The x402 v2 HTTP transport: three headers, each base64 of a JSON object. */
public final class X402Headers {

    public static final int VERSION = 2;
    /** On a 402: what payment would be accepted. */
    public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
    /** On the retry: the signed payment payload. */
    public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";
    /** On the paid answer: the settlement. */
    public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";

    private X402Headers() {}

    public static String encode(JsonNode json) {
        return Base64.getEncoder().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /** A header's JSON object, or empty when it is not base64 of one. */
    public static Optional<JsonNode> decode(String header) {
        try {
            JsonNode json = Json.parse(new String(Base64.getDecoder().decode(header.strip()), StandardCharsets.UTF_8));
            return json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
