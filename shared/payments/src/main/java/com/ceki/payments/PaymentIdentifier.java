package com.ceki.payments;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The x402 {@code payment-identifier} extension: a client's idempotency key for a payment, carried in the payload
 * ({@code extensions["payment-identifier"].info.id}, 16 to 128 letters, digits, {@code -} and {@code _}).
 */
final class PaymentIdentifier {

    static final String EXTENSION = "payment-identifier";
    private static final String FIELD = "PAYMENT-SIGNATURE.extensions.payment-identifier.info.id";

    private PaymentIdentifier() {}

    /** The schema a 402 advertises for the extension's {@code info}. */
    static ObjectNode schema() {
        ObjectNode schema = Json.object().put("$schema", "https://json-schema.org/draft/2020-12/schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("required").put("type", "boolean");
        properties.putObject("id").put("type", "string").put("minLength", 16).put("maxLength", 128)
                .put("pattern", "^[a-zA-Z0-9_-]+$");
        schema.putArray("required").add("required");
        return schema;
    }

    /** The payload's id, if it carries one; a malformed one is a 422. */
    static Optional<String> of(JsonNode payload) {
        JsonNode id = payload.path("extensions").path(EXTENSION).path("info").path("id");
        if (id.isMissingNode() || id.isNull()) {
            return Optional.empty();
        }
        if (!id.isTextual() || !id.asText().matches("[a-zA-Z0-9_-]{16,128}")) {
            throw ValidationFailed.of(FIELD, "The payment identifier must be 16 to 128 letters, digits, '-' or '_'.");
        }
        return Optional.of(id.asText());
    }
}
