package com.ceki.core.money;

import com.ceki.core.config.Config;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What each billable operation costs in USD, and the monthly free allowance of those that have one (API.md,
 * "Billing"). All configuration: {@code PRICE_API_SEARCH}, {@code PRICE_API_USER_VIEW},
 * {@code PRICE_SCHEDULE_CREATE}, {@code FREE_API_USER_VIEWS}.
 */
public final class Prices {

    public static final String API_SEARCH = "api_search";
    public static final String API_USER_VIEW = "api_user_view";
    public static final String SCHEDULE_CREATE = "schedule_create";

    private final Map<String, BigDecimal> prices;
    private final Map<String, Integer> freePerMonth;

    public Prices(Map<String, BigDecimal> prices, Map<String, Integer> freePerMonth) {
        prices.values().forEach(p -> {
            if (p.signum() < 0) {
                throw new IllegalStateException("A price cannot be negative: " + p);
            }
        });
        this.prices = Map.copyOf(prices);
        this.freePerMonth = Map.copyOf(freePerMonth);
    }

    public static Prices fromConfig(Config config) {
        return new Prices(
                Map.of(API_SEARCH, config.decimal("PRICE_API_SEARCH", "0.50"),
                        API_USER_VIEW, config.decimal("PRICE_API_USER_VIEW", "0.10"),
                        SCHEDULE_CREATE, config.decimal("PRICE_SCHEDULE_CREATE", "1.00")),
                Map.of(API_USER_VIEW, config.integer("FREE_API_USER_VIEWS", 100)));
    }

    public BigDecimal usd(String type) {
        BigDecimal price = prices.get(type);
        if (price == null) {
            throw new IllegalArgumentException("No price for " + type);
        }
        return price;
    }

    /** Calls of this type free each calendar month (UTC), 0 for none. */
    public int freePerMonth(String type) {
        return freePerMonth.getOrDefault(type, 0);
    }
}
