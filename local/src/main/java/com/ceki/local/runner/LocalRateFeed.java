package com.ceki.local.runner;

import com.ceki.billing.StoredUsdRates;
import com.ceki.storage.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the production rate feed: writes the exchange rates ({@code RATE_BTC_USD}, {@code RATE_ETH_USD},
 * default 100000 and 4000) at start and every {@code LOCAL_RATE_REFRESH_SECONDS} (default 300) afterwards, so local
 * rates are always fresh unless a test makes them stale on purpose.
 */
public final class LocalRateFeed implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-rate-feed");
        t.setDaemon(true);
        return t;
    });

    private LocalRateFeed() {}

    public static LocalRateFeed start(Table table) {
        LocalRateFeed feed = new LocalRateFeed();
        BigDecimal btc = new BigDecimal(System.getenv().getOrDefault("RATE_BTC_USD", "100000"));
        BigDecimal eth = new BigDecimal(System.getenv().getOrDefault("RATE_ETH_USD", "4000"));
        Runnable publish = () -> StoredUsdRates.store(table, btc, eth, Instant.now());
        publish.run();
        long every = Long.parseLong(System.getenv().getOrDefault("LOCAL_RATE_REFRESH_SECONDS", "300"));
        feed.scheduler.scheduleAtFixedRate(() -> {
            try {
                publish.run();
            } catch (RuntimeException e) {
                System.err.println("[local-rates] " + e);
            }
        }, every, every, TimeUnit.SECONDS);
        return feed;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
