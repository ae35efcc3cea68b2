package com.ceki.billing;

import com.ceki.core.config.Config;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.money.Currency;
import com.ceki.core.money.UsdRates;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Exchange rates from the {@code RATES#USD} item, which a rate feed keeps fresh (the local runner refreshes it from
 * configuration). A rate older than the maximum age is never used: billing answers 503 instead of guessing.
 * Rates are re-read at most every few seconds per function instance.
 */
public final class StoredUsdRates implements UsdRates {

    private static final Duration CACHE = Duration.ofSeconds(5);
    /** A stale rate's 503 says to try again after the rate feed's next run (every minute) could have refreshed it. */
    private static final long STALE_RETRY_SECONDS = 60;

    private record Snapshot(BigDecimal btc, BigDecimal eth, Instant asOf, Instant readAt) {}

    private final Table table;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    public StoredUsdRates(Table table, Clock clock, Duration maxAge) {
        this.table = table;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The rates as every function reads them: never older than {@code RATE_MAX_AGE_SECONDS} (900). */
    public static StoredUsdRates fromConfig(Table table, Config config, Clock clock) {
        return new StoredUsdRates(table, clock, Duration.ofSeconds(config.longValue("RATE_MAX_AGE_SECONDS", 900)));
    }

    @Override
    public BigDecimal usdPerUnit(Currency currency) {
        if (currency.isUsdStable()) {
            return BigDecimal.ONE;
        }
        Snapshot s = current();
        if (s == null || s.asOf().plus(maxAge).isBefore(clock.instant())) {
            throw new ServiceUnavailable("Exchange rates are stale; calls paid in " + currency
                    + " are paused until they are refreshed. Try again shortly or pay from a stablecoin wallet.", STALE_RETRY_SECONDS);
        }
        return currency == Currency.BTC ? s.btc() : s.eth();
    }

    /** Writes fresh rates (the rate feed; locally the runner; tests). */
    public static void store(Table table, BigDecimal btcUsd, BigDecimal ethUsd, Instant asOf) {
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(Keys.rates(), Keys.RATES)
                .n("BTC", btcUsd).n("ETH", ethUsd).n("as_of", asOf.getEpochSecond()).map()));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && s.readAt().plus(CACHE).isAfter(now)) {
            return s;
        }
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.rates(), Keys.RATES).map()).consistentRead(true)).item());
        if (item.isEmpty()) {
            return null;
        }
        s = new Snapshot(item.decimal("BTC"), item.decimal("ETH"), Instant.ofEpochSecond(item.number("as_of")), now);
        snapshot = s;
        return s;
    }

}
