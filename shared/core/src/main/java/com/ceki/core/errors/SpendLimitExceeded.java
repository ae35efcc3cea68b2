package com.ceki.core.errors;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A billed call the agent's own spend limit refuses: {@code window} is {@code per_call}, {@code day} or {@code month}
 * (UTC), {@code period} which day or month ({@code 2026-12-02}, {@code 2026-12}), {@code capUsd} its cap and
 * {@code resetsAt} when the window starts again (period and reset null for the per-call cap). Nothing
 * was charged or done, and paying more would not help.
 */
public final class SpendLimitExceeded extends DomainException {

    private final String window;
    private final String period;
    private final BigDecimal capUsd;
    private final Instant resetsAt;

    public SpendLimitExceeded(String window, String period, BigDecimal capUsd, Instant resetsAt) {
        super("This call would pass the agent's " + switch (window) {
            case "per_call" -> "per-call";
            case "day" -> "daily";
            default -> "monthly";
        } + " spend limit.");
        this.window = window;
        this.period = period;
        this.capUsd = capUsd;
        this.resetsAt = resetsAt;
    }

    public String window() {
        return window;
    }

    public String period() {
        return period;
    }

    public BigDecimal capUsd() {
        return capUsd;
    }

    public Instant resetsAt() {
        return resetsAt;
    }
}
