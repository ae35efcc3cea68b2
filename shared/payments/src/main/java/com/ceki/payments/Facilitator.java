package com.ceki.payments;

import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An x402 facilitator over HTTP ({@code POST /verify}, {@code POST /settle}, bodies
 * {@code {x402Version, paymentPayload, paymentRequirements}}). It holds the gas key; this server holds none. A
 * facilitator that cannot be reached or answers something that is not a verdict is a 503: nothing was charged.
 */
public final class Facilitator {

    /** {@code /verify}'s verdict. */
    public record Verification(boolean valid, String invalidReason, String payer) {}

    /** {@code /settle}'s outcome; {@code body} is what the {@code PAYMENT-RESPONSE} header carries. */
    public record Settlement(boolean success, String errorReason, String transaction, String network, String payer,
                             JsonNode body) {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    // Settling waits for the transfer's receipt: a block or two on a real chain.
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final HttpClient http;

    public Facilitator(String url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public Verification verify(JsonNode payload, PaymentRequirements requirements) {
        JsonNode answer = post("/verify", payload, requirements, VERIFY_TIMEOUT);
        if (!answer.path("isValid").isBoolean()) {
            throw unavailable("/verify answered no verdict");
        }
        return new Verification(answer.path("isValid").asBoolean(), text(answer, "invalidReason"), text(answer, "payer"));
    }

    public Settlement settle(JsonNode payload, PaymentRequirements requirements) {
        JsonNode answer = post("/settle", payload, requirements, SETTLE_TIMEOUT);
        if (!answer.path("success").isBoolean()) {
            throw unavailable("/settle answered no outcome");
        }
        return new Settlement(answer.path("success").asBoolean(), text(answer, "errorReason"), text(answer, "transaction"),
                text(answer, "network"), text(answer, "payer"), answer);
    }

    private JsonNode post(String path, JsonNode payload, PaymentRequirements requirements, Duration timeout) {
        ObjectNode body = Json.object().put("x402Version", X402Headers.VERSION);
        body.set("paymentPayload", payload);
        body.set("paymentRequirements", requirements.json());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(path + " interrupted");
        }
        // A verdict may come with 200 or, from some facilitators, 400; anything else is the facilitator's failure.
        if (response.statusCode() != 200 && response.statusCode() != 400) {
            throw unavailable(path + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        try {
            return Json.parse(response.body());
        } catch (JsonProcessingException e) {
            throw unavailable(path + " answered no JSON: " + abbreviate(response.body()));
        }
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static ServiceUnavailable unavailable(String detail) {
        System.err.println("WARN x402 facilitator: " + detail);
        return new ServiceUnavailable(detail.startsWith("/settle")
                ? "The payment facilitator did not confirm the settlement; the call was not charged. If the transfer "
                        + "went through, the deposit scanner credits it to your wallet once it is final."
                : "The payment facilitator is unavailable; nothing was charged. Try again.");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
