package com.ceki.core.errors;

import java.math.BigDecimal;

/**
 * A billable call the caller's wallets cannot pay for, or a payment offered with it that did not go through
 * ({@code reason}: the x402 error code, such as the facilitator's {@code invalidReason}). Nothing was charged or done.
 */
public final class PaymentRequired extends DomainException {

    private final BigDecimal required;
    private final String currency;
    private final BigDecimal balance;
    private final String reason;

    public PaymentRequired(BigDecimal required, String currency, BigDecimal balance) {
        this(required, currency, balance, "Insufficient wallet balance.", null);
    }

    public PaymentRequired(BigDecimal required, String currency, BigDecimal balance, String message, String reason) {
        super(message);
        this.required = required;
        this.currency = currency;
        this.balance = balance;
        this.reason = reason;
    }

    public BigDecimal required() {
        return required;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal balance() {
        return balance;
    }

    /** Why an offered payment failed, or null when none was offered. */
    public String reason() {
        return reason;
    }
}
