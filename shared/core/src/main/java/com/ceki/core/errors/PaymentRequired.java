package com.ceki.core.errors;

import java.math.BigDecimal;

/** A billable call the caller's wallets cannot pay for. Nothing was charged or done. */
public final class PaymentRequired extends DomainException {

    private final BigDecimal required;
    private final String currency;
    private final BigDecimal balance;

    public PaymentRequired(BigDecimal required, String currency, BigDecimal balance) {
        super("Insufficient wallet balance.");
        this.required = required;
        this.currency = currency;
        this.balance = balance;
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
}
