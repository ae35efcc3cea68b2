package com.ceki.http;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.DomainException;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.PaymentRequired;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.SpendLimitExceeded;
import com.ceki.core.errors.TooManyRequests;
import com.ceki.core.errors.Unauthenticated;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error model of API.md: one status and body shape per kind of domain failure. */
public final class ErrorResponses {

    private ErrorResponses() {}

    public static ApiResponse of(DomainException failure) {
        return switch (failure) {
            case Unauthenticated u -> ApiResponse.message(401, u.getMessage());
            case PaymentRequired p -> paymentRequired(p);
            case SpendLimitExceeded l -> spendLimit(l);
            case Forbidden f -> ApiResponse.message(403, f.getMessage());
            case NotFound n -> ApiResponse.message(404, n.getMessage());
            case Conflict c -> ApiResponse.message(409, c.getMessage());
            case ValidationFailed v -> validation(v);
            case TooManyRequests t -> ApiResponse.message(429, t.getMessage())
                    .withHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
            case ServiceUnavailable s -> ApiResponse.message(503, s.getMessage())
                    .withHeader("Retry-After", Long.toString(s.retryAfterSeconds()));
        };
    }

    /**
     * A 503 for a dependency that failed transiently (throttled, failing, unreachable, a transaction conflict that
     * outlasted the retries): nothing was done, so the client should simply try again.
     */
    public static ApiResponse unavailable() {
        return of(new ServiceUnavailable("The service is busy; try again."));
    }

    /** A 500 that says nothing about the cause; the cause goes to the log with the request id. */
    public static ApiResponse serverError() {
        return ApiResponse.message(500, "Server Error");
    }

    private static ApiResponse paymentRequired(PaymentRequired failure) {
        ObjectNode body = Json.object()
                .put("message", failure.getMessage())
                .put("required", failure.required().toPlainString())
                .put("currency", failure.currency())
                .put("balance", failure.balance().toPlainString());
        if (failure.reason() != null) {
            body.put("error", failure.reason());
        }
        return ApiResponse.of(402, body);
    }

    /** A 402 that paying would not cure: no {@code PAYMENT-REQUIRED}, the window and when it starts again. */
    private static ApiResponse spendLimit(SpendLimitExceeded failure) {
        ObjectNode body = Json.object().put("message", failure.getMessage()).put("code", "spend_limit_exceeded")
                .put("window", failure.window()).put("cap_usd", Amounts.price(failure.capUsd()));
        if (failure.resetsAt() == null) {
            body.putNull("resets_at");
        } else {
            body.put("resets_at", Timestamps.seconds(failure.resetsAt()));
        }
        return ApiResponse.of(402, body);
    }

    private static ApiResponse validation(ValidationFailed failure) {
        ObjectNode errors = Json.object();
        failure.errors().forEach((field, messages) -> errors.set(field, Json.strings(messages)));
        ObjectNode body = Json.object().put("message", failure.getMessage());
        body.set("errors", errors);
        return ApiResponse.of(422, body);
    }
}
