package com.ceki.payments;

import com.ceki.billing.Billing;
import com.ceki.billing.Billing.Billed;
import com.ceki.billing.Billing.Quote;
import com.ceki.core.auth.Principal;
import com.ceki.core.errors.PaymentRequired;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.Currency;
import com.ceki.core.money.Prices;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.ErrorResponses;
import com.ceki.http.OncePerKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a billed call is paid, around {@link Billing}: quoted instead of done for {@code ?dry_run=true}; paid first
 * through x402 when it carries {@code PAYMENT-SIGNATURE} (settled into the agent's USDC wallet, then charged as
 * usual, answered with {@code PAYMENT-RESPONSE}); and, when it cannot be paid, a 402 that carries the x402
 * {@code PAYMENT-REQUIRED} header beside today's body. Routes validate and check ownership before they get here,
 * so a call refused for its input never costs or quotes anything.
 */
public final class BilledCalls {

    /** A top-up paid and credited. */
    public record TopUp(BigDecimal amount, X402Payments.Paid paid) {}

    private final Billing billing;
    private final Prices prices;
    private final Optional<X402Payments> x402;
    private final IdempotencyStore idempotency;

    public BilledCalls(Billing billing, Prices prices, Optional<X402Payments> x402, IdempotencyStore idempotency) {
        this.billing = billing;
        this.prices = prices;
        this.x402 = x402;
        this.idempotency = idempotency;
    }

    /** Quotes, or pays for and does, one billed call of {@code type}; {@code answer} turns the done work into the response. */
    public <T> ApiResponse run(ApiRequest request, Principal caller, String type, Supplier<T> work,
                               Function<Billed<T>, ApiResponse> answer) {
        BigInteger price = PaymentRequirements.atomic(prices.usd(type));
        String description = description(request, type);
        if (request.dryRun()) {
            return quote(request, caller, type, price, description);
        }
        Optional<JsonNode> payment = payment(request);
        if (payment.isEmpty()) {
            return charged(request, caller, type, work, answer, price, description);
        }
        billing.checkSpendLimits(caller.id(), type); // paying would not help a call the agent's own limits refuse
        return oncePerPaymentId(request, caller, payment.get(), () -> {
            X402Payments.Paid paid;
            try {
                paid = x402.orElseThrow().settle(caller.id(), payment.get(), price, false);
            } catch (PaymentRequired refused) {
                return offer(request, caller, price, description, refused);
            }
            return charged(request, caller, type, work, answer, price, description)
                    .withHeader(X402Headers.PAYMENT_RESPONSE, X402Headers.encode(paid.settlement().body()));
        });
    }

    /**
     * {@code POST /api/agent/wallet/topup}: without a payment, the 402 asking for {@code amount} USDC; with one for
     * exactly that amount, the settled transfer credited at once.
     */
    public ApiResponse topUp(ApiRequest request, Principal caller, BigDecimal amount, Function<TopUp, ApiResponse> answer) {
        X402Payments payments = x402.orElseThrow(() ->
                new ServiceUnavailable("Top-ups by x402 are not available here: no facilitator is configured."));
        BigInteger atomic = PaymentRequirements.atomic(amount);
        String description = "A top-up of " + amount.toPlainString() + " USDC into your USDC wallet.";
        Optional<JsonNode> payment = payment(request);
        if (payment.isEmpty()) {
            PaymentRequirements requirements = payments.requirements(caller.id(), atomic);
            return offer(request, caller, atomic, description, payments.refused(caller.id(), requirements,
                    null, "Pay " + amount.toPlainString() + " USDC with x402 to top up."));
        }
        return oncePerPaymentId(request, caller, payment.get(), () -> {
            X402Payments.Paid paid;
            try {
                paid = payments.settle(caller.id(), payment.get(), atomic, true);
            } catch (PaymentRequired refused) {
                return offer(request, caller, atomic, description, refused);
            }
            return answer.apply(new TopUp(paid.deposit().amount(), paid))
                    .withHeader(X402Headers.PAYMENT_RESPONSE, X402Headers.encode(paid.settlement().body()));
        });
    }

    private <T> ApiResponse charged(ApiRequest request, Principal caller, String type, Supplier<T> work,
                                    Function<Billed<T>, ApiResponse> answer, BigInteger price, String description) {
        Billed<T> billed;
        try {
            billed = billing.run(caller.id(), type, request.requestId(), work);
        } catch (PaymentRequired refused) {
            return offer(request, caller, price, description, refused);
        }
        return answer.apply(billed);
    }

    /** The dry run's answer; one that would not be paid carries the requirements a real call's 402 would. */
    private ApiResponse quote(ApiRequest request, Principal caller, String type, BigInteger price, String description) {
        Quote quote = billing.quote(caller.id(), type);
        ObjectNode body = Json.object().put("dry_run", true).put("price_usd", quote.usd().toPlainString());
        if (quote.isPaid()) {
            body.set("charge", money(quote.currency(), quote.amount()));
        } else {
            body.putNull("charge");
        }
        body.put("free_remaining", quote.freeRemaining());
        if (quote.balanceCurrency() == null) {
            body.putNull("balance_after");
        } else {
            body.set("balance_after", money(quote.balanceCurrency(), quote.balanceAfter()));
        }
        body.put("would_succeed", quote.wouldSucceed());
        if (quote.wouldSucceed()) {
            return ApiResponse.ok(body);
        }
        body.put("reason", quote.refusal().getMessage());
        ApiResponse response = ApiResponse.ok(body);
        if (quote.refusal() instanceof PaymentRequired refused && x402.isPresent()) {
            response = response.withHeader(X402Headers.PAYMENT_REQUIRED, paymentRequired(request, caller, price,
                    description, refused));
        }
        return response;
    }

    /** A 402 with today's body and, where x402 is on, the {@code PAYMENT-REQUIRED} header. */
    private ApiResponse offer(ApiRequest request, Principal caller, BigInteger atomic, String description,
                              PaymentRequired refused) {
        ApiResponse response = ErrorResponses.of(refused);
        if (x402.isEmpty()) {
            return response;
        }
        return response.withHeader(X402Headers.PAYMENT_REQUIRED, paymentRequired(request, caller, atomic, description, refused));
    }

    private String paymentRequired(ApiRequest request, Principal caller, BigInteger atomic, String description,
                                   PaymentRequired refused) {
        X402Payments payments = x402.orElseThrow();
        String error = refused.reason() != null ? refused.reason() + ": " + refused.getMessage() : refused.getMessage();
        return X402Headers.encode(payments.paymentRequired(payments.requirements(caller.id(), atomic), error,
                request.url(), description));
    }

    /** The request's x402 payload; empty without the header or with x402 off; malformed is an x402 refusal. */
    private Optional<JsonNode> payment(ApiRequest request) {
        Optional<String> header = request.header(X402Headers.PAYMENT_SIGNATURE);
        if (header.isEmpty() || x402.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(X402Headers.decode(header.get()).orElseGet(Json::object));
    }

    /**
     * Runs a paid request once per payment identifier and payload (x402's payment-identifier extension): the same id
     * and payload get the first response again; the same id with another payload is a 409. Every answer is kept,
     * refusals included: once a payment may have moved, doing the request again could only fail on the spent nonce.
     */
    private ApiResponse oncePerPaymentId(ApiRequest request, Principal caller, JsonNode payment, Supplier<ApiResponse> paid) {
        Optional<String> id = PaymentIdentifier.of(payment);
        if (id.isEmpty()) {
            return paid.get();
        }
        // The payload is in the fingerprint: "another request body" in the 409 covers another payment.
        return OncePerKey.run(idempotency, caller, "x402:" + id.get(), OncePerKey.fingerprint(request, Json.write(payment)),
                "payment identifier", true, paid);
    }

    private static ObjectNode money(Currency currency, BigDecimal amount) {
        return Json.object().put("currency", currency.name()).put("amount", Amounts.format(amount, currency));
    }

    private String description(ApiRequest request, String type) {
        return request.routeKey() + " (" + type + "): $" + prices.usd(type).toPlainString() + " a call.";
    }
}
